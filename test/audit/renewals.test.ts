/**
 * The audit's side of terms and renewals: each merge is judged with the record of the exemptions granted
 * before it, the register carries the term the decision stated, the renewal lines read from first to
 * latest, and expiries get the notice of the reference data's schedule, whose longest step is the
 * default window. The repository's own small policy states a fixed term and refuses a renewal of an id
 * the record lacks, so the test depends only on what the audit gives the policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditResult, runAudit } from '../../scripts/audit/audit.ts';
import { Repository } from '../support/repository.ts';
import { signedMerge } from '../support/signing.ts';
import { ADMIN, AGENCY, ALICE, calnetRequest, foundationFiles } from './scenario.ts';

const RECORD_AWARE_POLICY = `package exemptions

default outcome := "ready-for-decision"

outcome := "incomplete" if {
\tinput.request.renews
\tnot input.context.exemptions[input.request.renews]
}

default deficiencies := []

deficiencies := [{"code": "renewed-exemption-unknown", "path": "/renews", "message": "not on record", "citation": "c"}] if {
\toutcome == "incomplete"
}

default term := null

term := {"from": "2026-03-01", "months": 24, "extension_months": 12, "through": "2028-02-29"} if {
\toutcome == "ready-for-decision"
}

decision := {
\t"outcome": outcome,
\t"program": input.request.program,
\t"reasons": [],
\t"grounds": ["functionality"],
\t"deficiencies": deficiencies,
\t"notes": [],
\t"approver": null,
\t"term": term,
\t"citations": [],
}
`;

const THRESHOLDS = `${JSON.stringify({ thresholds: { ato_term_years: 2, expiry_notice_days: [30, 120, 60] } })}\n`;

describe('terms and renewals in the register', () => {
  const repo = new Repository();
  const c: Record<string, string> = {};
  let result: AuditResult;
  beforeAll(async () => {
    c.root = repo.commit(
      'Start the repository',
      {
        ...foundationFiles(),
        'policies/exemptions/decision.rego': RECORD_AWARE_POLICY,
        'policies/reference/thresholds.json': THRESHOLDS,
      },
      ADMIN,
    );
    // Each request merged by its owner through a signed GitHub merge, in turn.
    const merged = async (pr: number, id: string, renews?: string) =>
      (await signedMerge(repo, pr, id, calnetRequest(id, renews ? { renews } : {}), AGENCY, ALICE)).merge;
    c.first = await merged(1, 'dgs-2022-wan');
    c.renewal = await merged(2, 'dgs-2025-wan', 'dgs-2022-wan');
    c.unknown = await merged(3, 'dgs-2026-voice', 'dgs-2019-gone');
    result = await runAudit({ repoDir: repo.dir, branch: 'main', asOf: '2028-01-15' });
  });
  afterAll(() => repo.dispose());

  const rowOf = (id: string) => result.rows.find((r) => r.request === id);

  it('judges a renewal with the record of what was granted before it', () => {
    expect(rowOf('dgs-2025-wan')).toMatchObject({ outcome: 'ready-for-decision', renews: 'dgs-2022-wan' });
    expect(rowOf('dgs-2026-voice')).toMatchObject({
      outcome: 'incomplete',
      deficiencies: ['renewed-exemption-unknown'],
    });
    expect(result.violations.filter((v) => v.commit === c.unknown).map((v) => v.kind)).toEqual([
      'decision-not-acceptable',
    ]);
  });

  it('carries the term the decision stated, extensions included', () => {
    expect(rowOf('dgs-2022-wan')?.term).toEqual({
      from: '2026-03-01',
      months: 24,
      extension_months: 12,
      through: '2028-02-29',
      source: 'decision',
    });
    expect(rowOf('dgs-2026-voice')?.term).toBeNull();
  });

  it('shows each line of renewals, first to latest, and a broken one where it breaks', () => {
    expect(result.chains).toEqual([
      { ids: ['dgs-2022-wan', 'dgs-2025-wan'], broken_at: null },
      { ids: ['dgs-2026-voice'], broken_at: 'dgs-2019-gone' },
    ]);
  });

  it('lists terms ending in the window of the longest notice, each under its notice', () => {
    expect(result.expiring_within_days).toBe(120);
    expect(result.expiring.map((e) => [e.kind, e.request, e.date, e.days_left, e.notice_days])).toEqual([
      ['exemption-end', 'dgs-2022-wan', '2028-02-29', 45, 60],
      ['exemption-end', 'dgs-2025-wan', '2028-02-29', 45, 60],
    ]);
  });
});
