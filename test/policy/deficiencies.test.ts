/**
 * Every deficiency code, each from a fixture changed in one field. Variants that still pass the request
 * schema show what only the policy can see (sums, dates, reference data); variants the schema rejects
 * are evaluated by the policy directly, skipping the schema, to pin the policy's own presence guards.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../scripts/policy/decision.ts';
import type { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { schemaProblems } from '../../scripts/request/validate.ts';
import { CODE_KINDS, type CodedRule, readCodedRules } from '../../scripts/tools/reference-doc.ts';
import { EVALUATION_DATE, edited, fixture, policy, policyWithAgencies } from '../support/policy.ts';
import { FIXTURE_CASES, VARIANT_CASES, type VariantCase } from './cases.ts';

function requestOf(c: VariantCase): unknown {
  return 'request' in c ? c.request : edited(fixture(c.program, c.base), c.edits ?? {});
}

/** The decision of a variant: with its record and registry entries when it has them. */
async function decide(evaluator: PolicyEvaluator, c: VariantCase): Promise<Decision> {
  const chosen = c.agencies ? await policyWithAgencies(c.agencies) : evaluator;
  return chosen.evaluate(requestOf(c), c.date ?? EVALUATION_DATE, c.record);
}

function title(c: VariantCase): string {
  const how =
    c.schema === 'valid'
      ? 'schema-valid request'
      : 'policy guard: the input skips the schema, which rejects it';
  return `${c.code} at ${c.path || '(the request)'} from ${c.program}/${c.base} (${how})`;
}

describe('each deficiency code', () => {
  let evaluator: PolicyEvaluator;
  beforeAll(async () => {
    evaluator = await policy();
  });

  it.each(VARIANT_CASES.map((c) => [title(c), c] as const))('%s', async (_, c) => {
    const request = requestOf(c);
    expect(schemaProblems(request).length === 0 ? 'valid' : 'invalid').toBe(c.schema);
    const decision = await decide(evaluator, c);
    expect(decision.outcome).toBe(c.outcome);
    const found = decision.deficiencies.find((d) => d.code === c.code && d.path === c.path);
    expect(found, JSON.stringify(decision.deficiencies)).toBeDefined();
    expect(found?.citation).toMatch(/^(CALNET MSA policy|CGEN policy)/);
    expect(found?.message.length).toBeGreaterThan(10);
  });
});

describe('the cases cover everything the policy can return', () => {
  let rules: CodedRule[];
  let decisions: Decision[];
  beforeAll(async () => {
    rules = readCodedRules();
    const evaluator = await policy();
    decisions = [
      ...FIXTURE_CASES.map((c) => evaluator.evaluate(fixture(c.program, c.file), c.date ?? EVALUATION_DATE)),
      ...(await Promise.all(VARIANT_CASES.map((c) => decide(evaluator, c)))),
    ];
  });

  it.each(
    CODE_KINDS.filter((k) => k !== 'approver').map((k) => [k]),
  )('every %s code appears in a case', (kind) => {
    const seen = new Set(
      decisions.flatMap((d) => {
        if (kind === 'outcome') return [d.outcome];
        if (kind === 'reason') return d.reasons;
        if (kind === 'ground') return d.grounds;
        if (kind === 'deficiency') return d.deficiencies.map((x) => x.code);
        return d.notes.map((x) => x.code);
      }),
    );
    const codes = [...new Set(rules.filter((r) => r.kind === kind).map((r) => r.code))].sort();
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((code) => !seen.has(code))).toEqual([]);
  });

  it('every approver appears in a case', () => {
    const approvers = new Set(decisions.map((d) => d.approver).filter((a) => a !== null));
    expect(approvers.size).toBe(rules.filter((r) => r.kind === 'approver').length);
  });
});
