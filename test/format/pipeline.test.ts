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
import { evaluateFiles } from '../../scripts/run/pipeline.ts';
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
    const { evaluator } = recordingEvaluator();
    const [result] = evaluateFiles([invalid], evaluator, '2026-11-22', repoRoot).results;
    expect(result?.decision).toBeNull();
    // The stand-in's one finding is under /contract/sla, which an error already covers.
    expect(result?.provisional?.deficiencies).toEqual([]);
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
