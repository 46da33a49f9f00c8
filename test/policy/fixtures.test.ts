/**
 * The policy decides each fixture request as the decision contract says: every outcome for each program
 * (CGEN has no ATO, so no ato-bound), each ground, and the edges of the thresholds and dates. Every
 * fixture is a complete request that passes the request schema and the location rules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../scripts/policy/decision.ts';
import type { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import type { Program } from '../../scripts/request/types.ts';
import { checkRequestFile } from '../../scripts/request/validate.ts';
import { EVALUATION_DATE, fixture, fixtureFile, noteCodes, policy } from '../support/policy.ts';
import { FIXTURE_CASES, type FixtureCase } from './cases.ts';

function describeCase(c: FixtureCase): string {
  return `${c.program}/${c.file}${c.date ? ` on ${c.date}` : ''}: ${c.shows} (${c.outcome})`;
}

describe('fixture requests get the decision the contract gives them', () => {
  let evaluator: PolicyEvaluator;
  beforeAll(async () => {
    evaluator = await policy();
  });

  it.each(FIXTURE_CASES.map((c) => [describeCase(c), c] as const))('%s', (_, c) => {
    const decision: Decision = evaluator.evaluate(fixture(c.program, c.file), c.date ?? EVALUATION_DATE);
    expect(decision.outcome).toBe(c.outcome);
    expect(decision.program).toBe(c.program);
    expect(decision.reasons).toEqual(c.reasons ?? []);
    expect(decision.grounds).toEqual(c.grounds ?? []);
    expect(decision.deficiencies.map((d) => [d.code, d.path])).toEqual(c.deficiencies ?? []);
    expect(decision.available_from).toBe(c.availableFrom ?? null);
    for (const note of c.notes ?? []) expect(noteCodes(decision)).toContain(note);
    for (const note of c.withoutNotes ?? []) expect(noteCodes(decision)).not.toContain(note);
  });

  it('covers every outcome for each program (CGEN has no ATO-bound outcome)', () => {
    const outcomes = (program: Program) =>
      new Set(FIXTURE_CASES.filter((c) => c.program === program).map((c) => c.outcome));
    expect(outcomes('calnet')).toEqual(
      new Set(['not-required', 'ato-bound', 'incomplete', 'ground-not-met', 'ready-for-decision']),
    );
    expect(outcomes('cgen')).toEqual(
      new Set(['not-required', 'incomplete', 'ground-not-met', 'ready-for-decision']),
    );
  });

  it.each(
    [...new Set(FIXTURE_CASES.map((c) => `${c.program}/${c.file}`))].map((f) => [f]),
  )('%s passes the request schema and the location rules', (name) => {
    const [program, file] = name.split('/') as [Program, string];
    const checked = checkRequestFile(fixtureFile(program, file));
    expect(checked.errors).toEqual([]);
  });
});
