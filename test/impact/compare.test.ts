/** The comparison behind `exemptions impact`: which findings appeared or went away, and what counts as a change. */
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../scripts/policy/decision.ts';
import type { ArtifactDecision } from '../../scripts/pull-request/artifact.ts';
import { compareResults, findingsOf } from '../../scripts/run/impact.ts';
import type { FileResult } from '../../scripts/run/pipeline.ts';
import { decision as handDecision, thresholdImpact } from '../support/evaluations.ts';

const FILE = 'requests/calnet/dwr-2026-sd-wan.yaml';
const CLAUSE = 'CALNET MSA policy, Exemption Requests, second ground';

/** A valid file's result with the shared hand-built decision (the artifact's shape is the decision's). */
function decided(overrides: Partial<Decision>): FileResult {
  return {
    file: FILE,
    id: 'dwr-2026-sd-wan',
    valid: true,
    errors: [],
    positions: {},
    decision: handDecision(overrides as Partial<ArtifactDecision>) as Decision,
  };
}

const ready = decided({
  grounds: ['cost-ipr'],
  citations: [{ subject: 'ground:cost-ipr', citation: CLAUSE }],
});
const belowThreshold = decided({
  outcome: 'ground-not-met',
  deficiencies: [
    {
      code: 'cost-savings-below-threshold',
      path: '/grounds/cost_ipr/alternative_cost',
      message: 'the alternative saves 25.00%; the cost ground needs savings of about 30.00%',
      citation: CLAUSE,
    },
  ],
});

function invalid(file: string, message: string, unloadable = false): FileResult {
  return {
    file,
    id: null,
    valid: false,
    errors: [{ file, line: 3, column: 1, path: '/id', message }],
    decision: null,
    positions: {},
    ...(unloadable ? { unloadable: true } : {}),
  };
}

describe('comparing a request under two sets of rules', () => {
  it('names the outcome before and after, the deficiency that appeared and the ground that went away, each with its clause', () => {
    const { changed, unchanged, unreadable } = compareResults([ready], [belowThreshold]);
    expect(unchanged).toEqual([]);
    expect(unreadable).toEqual([]);
    // Exactly the impact the comment's tests render (test/support/evaluations.ts).
    expect(changed).toEqual(thresholdImpact.changed);
  });

  it('counts a request decided alike by both as unchanged, with its outcome', () => {
    const result = compareResults([ready], [ready]);
    expect(result.changed).toEqual([]);
    expect(result.unchanged).toEqual([{ file: FILE, id: 'dwr-2026-sd-wan', outcome: 'ready-for-decision' }]);
  });

  it('sees a change of deficiencies under the same outcome, and the same code at another place', () => {
    const [deficiency] = belowThreshold.decision?.deficiencies ?? [];
    if (!deficiency) throw new Error('fixture');
    const elsewhere = decided({
      outcome: 'ground-not-met',
      deficiencies: [{ ...deficiency, path: '/grounds/cost_ipr/comparable_calnet_cost' }],
    });
    const [change] = compareResults([belowThreshold], [elsewhere]).changed;
    expect(change?.before).toBe('ground-not-met');
    expect(change?.after).toBe('ground-not-met');
    expect(change?.appeared.map((f) => f.path)).toEqual(['/grounds/cost_ipr/comparable_calnet_cost']);
    expect(change?.wentAway.map((f) => f.path)).toEqual(['/grounds/cost_ipr/alternative_cost']);
  });

  it('leaves a note that changes alone out of the decision change', () => {
    const noted = decided({
      ...ready.decision,
      notes: [{ code: 'near-threshold', message: 'close to the threshold', citation: 'x' }],
    });
    expect(compareResults([ready], [noted]).changed).toEqual([]);
  });

  it("shows an invalid side's problems as findings without a code, and its program from the folder", () => {
    const now = invalid(FILE, 'the id is too long');
    const [change] = compareResults([ready], [now]).changed;
    expect(change?.after).toBe('invalid');
    expect(change?.program).toBe('calnet');
    expect(change?.appeared).toEqual([
      { kind: 'problem', code: null, path: '/id', clause: null, message: 'the id is too long' },
    ]);
  });

  it('reports a file that did not load apart, with its first problem located, and judges the rest', () => {
    const broken = 'requests/cgen/broken.yaml';
    const result = compareResults(
      [invalid(broken, 'the YAML does not parse', true), ready],
      [invalid(broken, 'the YAML does not parse', true), belowThreshold],
    );
    expect(result.unreadable).toEqual([{ file: broken, message: '3:1 the YAML does not parse' }]);
    expect(result.changed.map((c) => c.file)).toEqual([FILE]);
  });

  it('takes a reason with the clause its decision cites', () => {
    const exempt = decided({
      outcome: 'not-required',
      reasons: ['exempt-agency'],
      citations: [{ subject: 'reason:exempt-agency', citation: 'CALNET MSA policy, exempt agencies' }],
    });
    expect([...findingsOf(exempt).values()]).toEqual([
      {
        kind: 'reason',
        code: 'exempt-agency',
        path: null,
        clause: 'CALNET MSA policy, exempt agencies',
        message: null,
      },
    ]);
  });
});
