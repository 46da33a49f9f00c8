import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditResult, runAudit } from '../../scripts/audit/audit.ts';
import { addMonths, daysBetween } from '../../scripts/audit/dates.ts';
import {
  atoTerms,
  contractEnd,
  expiringItems,
  noticeFor,
  noticeSchedule,
  rowTerm,
} from '../../scripts/audit/expiry.ts';
import { capabilities, Repository } from '../support/repository.ts';
import { signedMerge, TRUSTED_SIGNING_KEY } from '../support/signing.ts';
import { ADMIN, AGENCY, ALICE, CODEOWNERS_V1, file, IDENTITIES, policy, request } from './scenario.ts';

describe('histories the audit must survive', () => {
  let repo: Repository;
  let result: AuditResult;
  const c: Record<string, string> = {};

  beforeAll(async () => {
    repo = new Repository('2026-05-01T12:00:00Z');
    // No CODEOWNERS, no schema, a mapping that is not valid.
    c.root = repo.commit(
      'Start',
      {
        'policies/capabilities.json': capabilities(),
        'policies/exemptions/decision.rego': policy(1),
        'governance/identities.json': IDENTITIES.replace('"format": 1', '"format": 2'),
        'governance/merge-signing-keys.asc': TRUSTED_SIGNING_KEY,
      },
      ADMIN,
    );
    c.noOwners = (
      await signedMerge(
        repo,
        1,
        'a',
        { [file('calnet', 'a')]: request({ id: 'a', program: 'calnet' }) },
        AGENCY,
        ALICE,
      )
    ).merge;
    c.broken = (
      await signedMerge(
        repo,
        2,
        'broken',
        { 'policies/exemptions/decision.rego': 'package exemptions\n\ndecision := {\n' },
        ADMIN,
        ALICE,
      )
    ).merge;
    c.afterBroken = (
      await signedMerge(
        repo,
        3,
        'b',
        { [file('cgen', 'b')]: request({ id: 'b', program: 'cgen' }), '.github/CODEOWNERS': CODEOWNERS_V1 },
        AGENCY,
        ALICE,
      )
    ).merge;
    c.yaml = (
      await signedMerge(repo, 4, 'c', { [file('calnet', 'c')]: 'id: [unclosed\n' }, AGENCY, ALICE)
    ).merge;
    result = await runAudit({
      repoDir: repo.dir,
      branch: 'main',
      asOf: '2026-12-31',
      expiringWithinDays: 90,
    });
  });
  afterAll(() => repo.dispose());

  const row = (commit: string | undefined) => result.rows.find((r) => r.commit === commit);

  it('lists an invalid identity mapping at its line and credits nobody', () => {
    const problem = result.problems.find((p) => p.file === 'governance/identities.json');
    expect(problem?.line).toBe(2);
    expect(row(c.noOwners)?.merger_handle).toBeNull();
  });

  it('gives no owner where no CODEOWNERS was in force', () => {
    expect([row(c.noOwners)?.owners, row(c.noOwners)?.owners_rule]).toEqual([[], null]);
    expect(row(c.noOwners)?.violations).toEqual(['merger-not-owner']);
  });

  it('judges with the policy alone where the commit had no request schema', () => {
    expect(row(c.noOwners)?.outcome).toBe('ready-for-decision');
  });

  it('records a policy that no longer builds as unavailable, names why, and goes on', () => {
    const broken = row(c.afterBroken);
    expect(broken?.outcome).toBe('unavailable');
    expect(broken?.errors[0]).toContain('could not be built');
    expect(broken?.violations).toContain('decision-not-acceptable');
    expect(result.policies.filter((p) => p.error !== null)).toHaveLength(1);
    expect(result.problems.some((p) => p.message.includes('could not be built'))).toBe(true);
  });

  it('reports a request that is not readable YAML as invalid, at its line', () => {
    expect(row(c.yaml)?.outcome).toBe('invalid');
    expect(row(c.yaml)?.errors[0]).toMatch(/^\d+:\d+ /);
  });
});

describe('expiry dates', () => {
  it('adds calendar months, keeping to the last day of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 14)).toBe('2028-01-15');
    expect(daysBetween('2026-12-31', '2027-03-01')).toBe(60);
  });

  it('computes a contract end only from a well-formed start and length', () => {
    expect(contractEnd({ contract: { start_date: '2027-01-01', length_months: 36 } })).toBe('2030-01-01');
    expect(contractEnd({ contract: { start_date: '2027-02-30', length_months: 36 } })).toBeNull();
    expect(contractEnd({ contract: { start_date: '2027-01-01', length_months: 1.5 } })).toBeNull();
    expect(contractEnd({ contract: null })).toBeNull();
    expect(contractEnd('not a request')).toBeNull();
  });

  it('ends ATO terms after the term of the thresholds', () => {
    const reference = {
      agencies: {
        'FRESNO-CITY': {
          status: 'local-government',
          ato_agreements: [{ services: ['wan-data'], start_date: '2024-06-01' }],
        },
        DGS: { status: 'executive-branch' },
      },
      thresholds: { ato_term_years: 2 },
    };
    expect(atoTerms(reference)).toEqual([
      { agency: 'FRESNO-CITY', services: ['wan-data'], start: '2024-06-01', end: '2026-06-01' },
    ]);
    expect(atoTerms({ agencies: reference.agencies })).toEqual([]);
  });

  const term = (from: string, months: number, through: string) =>
    ({ from, months, extension_months: 0, through, source: 'decision' }) as const;

  it('lists what ends inside the window, both ends included, soonest first, with its notice', () => {
    const exemptions = [
      { file: 'a.yaml', request: 'a', agency: 'DGS', term: term('2026-01-01', 6, '2026-06-30') },
      { file: 'b.yaml', request: 'b', agency: 'CDT', term: term('2025-10-01', 6, '2026-04-01') },
      { file: 'c.yaml', request: 'c', agency: 'CHP', term: term('2026-01-01', 7, '2026-07-31') },
    ];
    const reference = { thresholds: { expiry_notice_days: [30, 90, 60] } };
    const items = expiringItems(exemptions, reference, '2026-04-01', 91);
    expect(items.map((i) => [i.request, i.date, i.days_left, i.notice_days])).toEqual([
      ['b', '2026-04-01', 0, 30],
      ['a', '2026-06-30', 90, 90],
    ]);
  });

  it('gives each end the shortest notice of the schedule not below its days left', () => {
    const schedule = noticeSchedule({ thresholds: { expiry_notice_days: [90, 60, 30] } });
    expect(schedule).toEqual([90, 60, 30]);
    expect([0, 30, 31, 45, 60, 61, 90, 91].map((days) => noticeFor(days, schedule))).toEqual([
      30,
      30,
      60,
      60,
      60,
      90,
      90,
      null,
    ]);
    expect(noticeSchedule({ thresholds: {} })).toBeNull();
  });

  it("takes a row's term from the decision, else from an older policy's ready request's contract", () => {
    const request = { contract: { start_date: '2027-01-01', length_months: 36 } };
    const stated = { from: '2027-01-01', months: 60, extension_months: 24, through: '2031-12-31' };
    expect(rowTerm({ outcome: 'ready-for-decision', request, term: stated })).toEqual({
      ...stated,
      source: 'decision',
    });
    expect(rowTerm({ outcome: 'incomplete', request, term: null })).toBeNull();
    expect(rowTerm({ outcome: 'ready-for-decision', request })).toEqual({
      from: '2027-01-01',
      months: 36,
      extension_months: 0,
      through: '2029-12-31',
      source: 'contract',
    });
    expect(rowTerm({ outcome: 'not-required', request })).toBeNull();
  });
});
