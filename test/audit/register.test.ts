import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditResult, type RegisterRow, runAudit } from '../../scripts/audit/audit.ts';
import { VIOLATION_KINDS } from '../../scripts/audit/violations.ts';
import { PolicyCache } from '../../scripts/policy/versions.ts';
import { buildScenario, file, type Scenario } from './scenario.ts';

/** The columns of a row an auditor reads first, in a form a table of expectations can hold. */
function summary(row: RegisterRow): string {
  const owner = row.merger_is_owner === null ? '?' : row.merger_is_owner ? 'owner' : 'NOT-owner';
  return [
    row.request,
    row.change,
    row.kind,
    row.pr ?? '-',
    row.merger_handle ?? '-',
    owner,
    row.outcome ?? '-',
    row.violations.join('+') || 'ok',
  ].join(' ');
}

let scenario: Scenario;
let result: AuditResult;
let cache: PolicyCache;

beforeAll(async () => {
  scenario = await buildScenario();
  cache = new PolicyCache({ repoDir: scenario.repo.dir, requestSchema: 'schemas/request.schema.json' });
  result = await runAudit({
    repoDir: scenario.repo.dir,
    branch: 'main',
    asOf: '2027-01-15',
    expiringWithinDays: 90,
    policyCache: cache,
  });
});

afterAll(() => scenario.repo.dispose());

const rowAt = (commit: string | undefined, request: string): RegisterRow => {
  const row = result.rows.find((r) => r.commit === commit && r.request === request);
  if (!row) throw new Error(`no row for ${request} at ${commit}`);
  return row;
};
const violationsAt = (commit: string | undefined) => result.violations.filter((v) => v.commit === commit);

describe('the register rebuilt from the first-parent history', () => {
  it('has one row per change to a request, in the order the changes reached main', () => {
    expect(result.rows.map(summary)).toEqual([
      'dgs-wan added merge 1 @erin owner ready-for-decision ok',
      'dmv-voice added merge 2 @carol NOT-owner ready-for-decision merger-not-owner',
      'cdt-net added merge 3 @alice NOT-owner ready-for-decision merger-not-owner',
      'chp-radio added merge 5 @carol owner ready-for-decision ok',
      'dgs-wan modified direct-push - @bob NOT-owner ready-for-decision request-changed-after-approval',
      'dwr-sat added squash 8 - ? ready-for-decision approver-unrecoverable',
      'cdt-net modified rebase - - ? ready-for-decision approver-unrecoverable',
      'dgs-phones added merge 11 @alice owner incomplete decision-not-acceptable',
      'cdph-lab added merge 12 @alice owner ready-for-decision request-changed-with-policy',
      'dgs-wan modified merge 13 @alice owner ready-for-decision ok',
      'dwr-fiber added merge 14 @erin NOT-owner not-required merger-not-owner',
      'sco-x added local-merge - @alice owner not-required direct-push',
      'bad added merge 16 @alice owner invalid decision-not-acceptable',
      'dmv-voice removed merge 17 @alice owner - ok',
      'chp-radio documents merge 18 @alice owner ready-for-decision ok',
    ]);
  });

  it('records the merge commit, the merger as git knows them, the date and the evaluation date', () => {
    const row = rowAt(scenario.c.pr1, 'dgs-wan');
    expect(row.file).toBe(file('calnet', 'dgs-wan'));
    expect(row.merged_by).toEqual({ name: 'Erin Former', email: 'erin@cdt.example.gov' });
    expect(row.handle_source).toBe('mapping');
    expect(row.date).toBe('2026-01-07T15:00:00Z'.replace('Z', '+00:00'));
    expect(row.evaluation_date).toBe('2026-01-07');
    expect(row.term).toEqual({
      from: '2026-03-01',
      months: 12,
      extension_months: 0,
      through: '2027-02-28',
      source: 'contract',
    });
  });

  it('names the CODEOWNERS rule in force at the first parent, which changes over time', () => {
    const before = rowAt(scenario.c.pr2, 'dmv-voice');
    expect(before.owners).toEqual(['@ca-cdt/calnet-approvers']);
    expect(before.owners_rule).toBe('.github/CODEOWNERS:3 /requests/calnet/');
    const after = rowAt(scenario.c.pr5, 'chp-radio');
    expect(after.owners).toEqual(['@ca-cdt/calnet-approvers', '@carol']);
    // The merge that changed CODEOWNERS (#4) is judged by the file before it, and its rows after it.
    expect(rowAt(scenario.c.pr3, 'cdt-net').owners).toEqual(['@ca-cdt/cgen-approvers']);
    expect(rowAt(scenario.c.squash8, 'dwr-sat').owners).toEqual(['@ca-cdt/cgen-approvers', '@alice']);
  });

  it('judges team membership on the day of the merge', () => {
    // Erin left the CALNET approvers on 2026-01-10: owner for #1, not for #14.
    expect(rowAt(scenario.c.pr1, 'dgs-wan').merger_is_owner).toBe(true);
    expect(rowAt(scenario.c.pr14, 'dwr-fiber').merger_is_owner).toBe(false);
  });

  it('re-evaluates with the policy of the first parent, compiling each policy version once', () => {
    const v1 = rowAt(scenario.c.pr1, 'dgs-wan').policy_digest;
    const v2 = rowAt(scenario.c.pr11, 'dgs-phones').policy_digest;
    const v3 = rowAt(scenario.c.pr13, 'dgs-wan').policy_digest;
    expect(new Set([v1, v2, v3]).size).toBe(3);
    for (const commit of [scenario.c.pr2, scenario.c.pr5, scenario.c.push7, scenario.c.rebase9]) {
      expect(result.rows.find((r) => r.commit === commit)?.policy_digest).toBe(v1);
    }
    expect(result.stats.compilations).toBe(3);
    expect(cache.compilations).toBe(3);
    expect(result.policies.map((p) => p.digest)).toEqual([v1, v2, v3]);
  });

  it('judges a request merged together with a policy change by the policy before it', () => {
    const row = rowAt(scenario.c.pr12, 'cdph-lab');
    expect(row.policy_digest).toBe(rowAt(scenario.c.pr11, 'dgs-phones').policy_digest);
    expect(row.grounds).toEqual(['functionality']);
    expect(rowAt(scenario.c.pr13, 'dgs-wan').grounds).toEqual(['cost-ipr']);
  });

  it('shows a later change to an approved request as its own row with its own approval', () => {
    const rows = result.rows.filter((r) => r.request === 'dgs-wan');
    expect(rows.map((r) => [r.kind, r.merger_handle, r.term?.through, r.current])).toEqual([
      ['merge', '@erin', '2027-02-28', false],
      ['direct-push', '@bob', '2027-03-14', false],
      ['merge', '@alice', '2027-03-31', true],
    ]);
  });

  it('checks a request against the schema of its time, with the line and column of each problem', () => {
    const row = rowAt(scenario.c.pr16, 'bad');
    expect(row.outcome).toBe('invalid');
    expect(row.errors).toHaveLength(1);
    expect(row.errors[0]).toMatch(/^1:1 .*agency/);
  });

  it('marks removed requests as no longer current and leaves them undecided', () => {
    const removed = rowAt(scenario.c.pr17, 'dmv-voice');
    expect([removed.outcome, removed.policy_digest, removed.current]).toEqual([null, null, false]);
    expect(
      result.rows
        .filter((r) => r.current)
        .map((r) => r.request)
        .sort(),
    ).toEqual(
      [
        'bad',
        'cdph-lab',
        'cdt-net',
        'chp-radio',
        'dgs-phones',
        'dgs-wan',
        'dwr-fiber',
        'dwr-sat',
        'sco-x',
      ].sort(),
    );
  });

  it('counts a change to supporting documents as a change to the request', () => {
    const row = rowAt(scenario.c.pr18, 'chp-radio');
    expect([row.change, row.file, row.outcome]).toEqual([
      'documents',
      file('calnet', 'chp-radio'),
      'ready-for-decision',
    ]);
  });
});

describe('verification finds every kind of violation', () => {
  it('a merge by someone who was not a designated owner at that time', () => {
    expect(violationsAt(scenario.c.pr2).map((v) => [v.kind, v.path, v.pr])).toEqual([
      ['merger-not-owner', file('calnet', 'dmv-voice'), 2],
    ]);
    expect(violationsAt(scenario.c.pr14)[0]?.detail).toContain('owners on 2026-01-30');
  });

  it('a decision at merge that was neither ready-for-decision nor not-required', () => {
    expect(violationsAt(scenario.c.pr11).map((v) => [v.kind, v.detail])).toEqual([
      ['decision-not-acceptable', 'outcome incomplete'],
    ]);
    expect(violationsAt(scenario.c.pr16).map((v) => v.kind)).toEqual(['decision-not-acceptable']);
  });

  it('a request changed on the default branch without a merge', () => {
    // dgs-wan was granted by #1; the push changes it after the approval.
    expect(violationsAt(scenario.c.push7).map((v) => [v.kind, v.via])).toEqual([
      ['request-changed-after-approval', 'direct-push'],
    ]);
    expect(violationsAt(scenario.c.local15).map((v) => [v.kind, v.via])).toEqual([
      ['direct-push', 'local-merge'],
    ]);
  });

  it('a request changed in the same merge as policies, by someone who does not own the policy', () => {
    const [violation, policy] = violationsAt(scenario.c.pr12);
    expect(violation?.kind).toBe('request-changed-with-policy');
    expect(violation?.detail).toContain('policies/exemptions/decision.rego');
    // Every changed file needs its owners: the policy is the Director's team's, and Alice is not in it.
    expect([policy?.kind, policy?.path]).toEqual(['merger-not-owner', 'policies/exemptions/decision.rego']);
  });

  it('a squash or rebase merge whose approver cannot be recovered', () => {
    expect(violationsAt(scenario.c.squash8).map((v) => [v.kind, v.via, v.pr])).toEqual([
      ['approver-unrecoverable', 'squash', 8],
    ]);
    expect(violationsAt(scenario.c.rebase9).map((v) => [v.kind, v.via])).toEqual([
      ['approver-unrecoverable', 'rebase'],
    ]);
    expect(violationsAt(scenario.c.squash20).map((v) => [v.kind, v.path])).toEqual([
      ['approver-unrecoverable', 'governance/identities.json'],
    ]);
  });

  it("a CODEOWNERS change not approved by the Director's team", () => {
    expect(violationsAt(scenario.c.pr6).map((v) => [v.kind, v.path])).toEqual([
      ['codeowners-change-not-approved', '.github/CODEOWNERS'],
    ]);
    expect(violationsAt(scenario.c.push19).map((v) => v.kind)).toEqual(['codeowners-change-not-approved']);
    // Approved by the Director's team, or the first CODEOWNERS of all: nothing to report.
    expect(violationsAt(scenario.c.pr4)).toEqual([]);
    expect(violationsAt(scenario.c.root)).toEqual([]);
  });

  it('reports every kind that git alone can show, and nothing for clean merges', () => {
    const kinds = new Set(result.violations.map((v) => v.kind));
    // Identity mismatches and unconfirmed merges need the API (enrich.test.ts); date anomalies (dates.test.ts) and merges not
    // proven to be GitHub's (forgery.test.ts) have histories of their own.
    const elsewhere = [
      'merger-identity-mismatch',
      'merge-not-confirmed',
      'date-anomaly',
      'unsigned-merge',
      'unknown-signing-key',
    ];
    const gitOnly = Object.keys(VIOLATION_KINDS).filter((k) => !elsewhere.includes(k));
    expect([...kinds].sort()).toEqual(gitOnly.sort());
    for (const clean of [scenario.c.pr1, scenario.c.pr4, scenario.c.pr5, scenario.c.pr10, scenario.c.pr13]) {
      expect(violationsAt(clean)).toEqual([]);
    }
    expect(result.problems).toEqual([]);
  });
});

describe('expiry', () => {
  it('lists contract ends and ATO term ends within the window after the audit date', () => {
    expect(result.expiring.map((e) => [e.kind, e.date, e.days_left, e.agency, e.request])).toEqual([
      ['ato-term-end', '2027-03-01', 45, 'SAC-COUNTY', null],
      ['exemption-end', '2027-03-31', 75, 'DGS', 'dgs-wan'],
    ]);
  });

  it('narrows with --expiring-within and rebuilds the register as it stood on --as-of', async () => {
    const narrow = await runAudit({
      repoDir: scenario.repo.dir,
      branch: 'main',
      asOf: '2027-01-15',
      expiringWithinDays: 50,
      policyCache: cache,
    });
    expect(narrow.expiring.map((e) => e.kind)).toEqual(['ato-term-end']);

    const earlier = await runAudit({
      repoDir: scenario.repo.dir,
      branch: 'main',
      asOf: '2026-01-20',
      expiringWithinDays: 500,
      policyCache: cache,
    });
    expect(earlier.rows.at(-1)?.commit).toBe(scenario.c.rebase9);
    expect(earlier.rows).toHaveLength(7);
    // dgs-wan as it stood then: the directly pushed start date.
    expect(earlier.expiring.map((e) => [e.kind, e.date, e.request])).toEqual([
      ['ato-term-end', '2027-03-01', null],
      ['exemption-end', '2027-03-14', 'dgs-wan'],
    ]);
    expect(cache.compilations).toBe(3);
  });
});
