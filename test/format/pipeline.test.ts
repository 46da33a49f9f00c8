/**
 * Validation is wired into evaluation: an invalid request carries its errors and no decision (the policy
 * is asked only about its present, well-formed parts, for findings that are never a decision); valid
 * ones reach a decision; one bad file never stops the others.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import type { Decision } from '../../scripts/policy/decision.ts';
import { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { evaluateFiles, presentParts, provisionalDecision } from '../../scripts/run/pipeline.ts';
import { examples, fixtures } from '../support/requests.ts';

const valid = join(examples, 'cgen', 'chp-2026-remote-sites.yaml');
const invalid = join(fixtures, 'calnet', 'missing-fields.yaml');
const hostile = join(fixtures, 'hostile', 'billion-laughs.yaml');

/** A stand-in policy that records what it was asked about. */
function recordingEvaluator(): { evaluator: PolicyEvaluator; asked: unknown[] } {
  const asked: unknown[] = [];
  const decision: Decision = {
    outcome: 'ready-for-decision',
    program: 'cgen',
    reasons: [],
    grounds: ['functionality'],
    deficiencies: [{ code: 'example', path: '/contract/sla/terms', message: 'm', citation: 'c' }],
    notes: [],
    approver: 'someone',
    citations: [],
  };
  const evaluator = {
    digest: 'sha256:stand-in',
    evaluate: (request: unknown) => {
      asked.push(request);
      return decision;
    },
  } as unknown as PolicyEvaluator;
  return { evaluator, asked };
}

describe('evaluateFiles validates before it evaluates', () => {
  it('decides only the valid request, never asks about a file that did not load, and reports every file', () => {
    const { evaluator, asked } = recordingEvaluator();
    const report = evaluateFiles([invalid, valid, hostile], evaluator, '2026-11-22', repoRoot);
    expect(asked.map((request) => (request as { id: string }).id)).toEqual([
      'missing-fields',
      'chp-2026-remote-sites',
    ]);
    expect(report.results.map((r) => [r.file, r.valid, r.decision === null])).toEqual([
      ['test/support/fixtures/requests/calnet/missing-fields.yaml', false, true],
      ['examples/requests/cgen/chp-2026-remote-sites.yaml', true, false],
      ['test/support/fixtures/requests/hostile/billion-laughs.yaml', false, true],
    ]);
  });

  it('gives an invalid request its located errors, id and file', () => {
    const { evaluator } = recordingEvaluator();
    const [result] = evaluateFiles([invalid], evaluator, '2026-11-22', repoRoot).results;
    expect(result?.id).toBe('missing-fields');
    expect(result?.errors.map((e) => [e.file, e.line, e.column, e.path])).toEqual([
      ['test/support/fixtures/requests/calnet/missing-fields.yaml', 3, 1, ''],
      ['test/support/fixtures/requests/calnet/missing-fields.yaml', 29, 3, '/contract/sla'],
    ]);
  });

  it("keeps the invalid request's provisional findings apart from any decision", () => {
    const { evaluator, asked } = recordingEvaluator();
    const [result] = evaluateFiles([invalid], evaluator, '2026-11-22', repoRoot).results;
    expect(result?.decision).toBeNull();
    // The errors are about /need and /contract/sla/remedies; the stand-in's finding is about neither.
    expect(result?.provisional?.deficiencies.map((d) => d.path)).toEqual(['/contract/sla/terms']);
    expect(result?.positions['/contract/sla/terms']).toEqual({ line: 31, column: 12 });
    expect(asked[0]).not.toHaveProperty('need');
  });

  it('places each deficiency the policy names at its line', () => {
    const { evaluator } = recordingEvaluator();
    const [result] = evaluateFiles([valid], evaluator, '2026-11-22', repoRoot).results;
    expect(result?.positions['/contract/sla/terms']).toEqual({ line: 82, column: 12 });
  });
});

describe('with the compiled policy', () => {
  let evaluator: PolicyEvaluator;
  beforeAll(async () => {
    evaluator = await PolicyEvaluator.load();
  });

  it('every example request reaches a decision, and an invalid one gets none', () => {
    const files = [
      ...[
        'cdph-2026-lab-network',
        'cdt-2026-contact-center',
        'dmv-2026-rural-field-offices',
        'dwr-2026-sd-wan',
      ]
        .concat(['fresno-city-2026-wan-data', 'sac-county-2026-voice-local', 'uc-2026-campus-voice'])
        .map((id) => join(examples, 'calnet', `${id}.yaml`)),
      join(examples, 'cgen', 'chp-2026-remote-sites.yaml'),
    ];
    const report = evaluateFiles([...files, invalid], evaluator, '2026-11-22', repoRoot);
    const decided = report.results.filter((r) => r.decision !== null).map((r) => r.file);
    expect(decided).toHaveLength(files.length);
    expect(report.results.at(-1)).toMatchObject({ valid: false, decision: null });
  });
});

describe('the present parts of an invalid request', () => {
  const error = (path: string, field?: string) => ({
    file: 'f',
    line: 1,
    column: 1,
    path,
    message: 'm',
    ...(field ? { field } : {}),
  });
  const decided = (paths: string[]): Decision => ({
    outcome: 'incomplete',
    program: 'calnet',
    reasons: [],
    grounds: [],
    deficiencies: paths.map((path) => ({ code: 'c', path, message: 'm', citation: 'c' })),
    notes: [],
    approver: null,
    citations: [],
  });

  it('leave out a wrong value, and keep the places of the list items after a wrong one', () => {
    const request = { cost: { total: 'lots', items: [{ amount: 'x' }, { amount: 5 }] }, need: 'n' };
    const present = presentParts(request, [error('/cost/total'), error('/cost/items/0')]);
    expect(present).toEqual({ cost: { items: [null, { amount: 5 }] }, need: 'n' });
    expect(request.cost.total).toBe('lots');
  });

  it('drop the findings at or under a field an error is about, and keep the others', () => {
    const provisional = provisionalDecision({ contract: {} }, [error('/contract', '/contract/sla')], () =>
      decided(['/contract/sla', '/contract/sla/terms', '/contract/slab', '/need']),
    );
    expect(provisional?.deficiencies.map((d) => d.path)).toEqual(['/contract/slab', '/need']);
  });

  it('are not judged when an error is about the whole request, or the policy cannot judge them', () => {
    expect(provisionalDecision({}, [error('')], () => decided(['/need']))).toBeNull();
    expect(provisionalDecision([], [], () => decided([]))).toBeNull();
    const failing = () => {
      throw new Error('the policy could not evaluate');
    };
    expect(provisionalDecision({ need: 1 }, [error('/need')], failing)).toBeNull();
  });
});
