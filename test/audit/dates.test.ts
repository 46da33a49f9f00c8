/**
 * The dates a commit claims are whatever its committer typed. The audit orders history by the branch's
 * first-parent chain, cuts `--as-of` by position in that chain, and reports a date that cannot be, so
 * that no commit hides itself (or the ones after it) by claiming a date, and no date stops the audit.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../scripts/audit/audit.ts';
import { branchDays } from '../../scripts/audit/dates.ts';
import { Repository } from '../support/repository.ts';
import { signedMerge } from '../support/signing.ts';
import { ADMIN, AGENCY, ALICE, auditOf, CAROL, calnetRequest, foundationFiles } from './scenario.ts';

const kindsAt = (result: AuditResult, commit: string) =>
  result.violations.filter((v) => v.commit === commit).map((v) => v.kind);

describe('dates a commit claims', () => {
  const repo = new Repository();
  const c: Record<string, string> = {};
  beforeAll(async () => {
    c.root = repo.commit('Start the repository', foundationFiles(), ADMIN);
    c.future = repo.claiming('2099-01-01T00:00:00Z', () =>
      repo.commit('Backdoor', calnetRequest('hidden'), AGENCY),
    );
    c.nonOwner = (await signedMerge(repo, 2, 'dmv', calnetRequest('dmv'), AGENCY, CAROL)).merge;
    // Year 10000: git stores it; JavaScript's Date cannot represent it.
    c.year10000 = repo.claiming('@253402300800 +0000', () =>
      repo.commit('Far future', calnetRequest('far'), AGENCY),
    );
    c.beforeParent = repo.claiming('2020-01-01T00:00:00Z', () =>
      repo.commit('Long ago', calnetRequest('old'), AGENCY),
    );
    c.good = (await signedMerge(repo, 6, 'dgs', calnetRequest('dgs'), AGENCY, ALICE)).merge;
  });
  afterAll(() => repo.dispose());

  it('a direct push dated 2099 hides neither itself nor the merge after it', async () => {
    const result = await auditOf(repo);
    expect(kindsAt(result, c.future ?? '')).toEqual(expect.arrayContaining(['direct-push', 'date-anomaly']));
    expect(kindsAt(result, c.nonOwner ?? '')).toContain('merger-not-owner');
  });

  it('reports a date in the year 10000 and one before its parent, and finishes', async () => {
    const result = await auditOf(repo);
    const anomaly = (commit: string) =>
      result.violations.find((v) => v.commit === commit && v.kind === 'date-anomaly')?.detail;
    expect(anomaly(c.year10000 ?? '')).toMatch(/cannot be read as a date|after the commit that follows/);
    expect(anomaly(c.beforeParent ?? '')).toContain('before its parent');
    expect(result.rows.map((r) => r.request)).toEqual(['hidden', 'dmv', 'far', 'old', 'dgs']);
  });

  it('judges a commit with an impossible date on the day the branch bounds it to', async () => {
    const result = await auditOf(repo);
    const row = (id: string) => result.rows.find((r) => r.request === id);
    const dmv = row('dmv')?.evaluation_date ?? '';
    expect(row('hidden')?.evaluation_date).toBe(dmv);
    expect(row('far')?.evaluation_date).toBe(row('old')?.evaluation_date);
    expect((row('old')?.evaluation_date ?? '') >= dmv).toBe(true);
  });

  it('cuts --as-of by position in the chain, not by dropping commits whose dates look later', async () => {
    // The good merge is dated in 2026; everything before it on the branch is part of that day's history.
    const result = await auditOf(repo, '2026-12-31');
    expect(result.rows.map((r) => r.request)).toContain('hidden');
    expect(result.rows.map((r) => r.request)).toContain('dgs');
    // Before the first merge's day only the first commit is history.
    const early = await auditOf(repo, '2026-01-05');
    expect(early.rows).toEqual([]);
  });
});

describe('the days of a chain', () => {
  it('believes dates that agree with the order and flags the rest', () => {
    expect(
      branchDays([
        '2026-01-01T10:00:00Z',
        '2099-01-01T00:00:00Z',
        '2026-01-03T10:00:00Z',
        'not a date',
        '2026-01-05T10:00:00Z',
      ]),
    ).toEqual([
      { day: '2026-01-01', anomaly: null },
      { day: '2026-01-03', anomaly: expect.stringContaining('after the commit that follows it') },
      { day: '2026-01-03', anomaly: null },
      { day: '2026-01-05', anomaly: expect.stringContaining('cannot be read as a date') },
      { day: '2026-01-05', anomaly: null },
    ]);
  });

  it("believes GitHub's signed dates over any number of pushed commits with made-up ones", () => {
    const timestamps = [
      '2026-01-01T10:00:00Z',
      '2099-01-01T00:00:00Z',
      '2099-01-02T00:00:00Z',
      '2099-01-03T00:00:00Z',
      '2026-01-05T10:00:00Z',
      '2026-01-06T10:00:00Z',
    ];
    const signed = [true, false, false, false, true, true];
    // Without the signatures, the three pushes would make the longest agreeing run.
    expect(branchDays(timestamps).map((d) => d.anomaly === null)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    const days = branchDays(timestamps, signed);
    expect(days.map((d) => d.anomaly === null)).toEqual([true, false, false, false, true, true]);
    expect(days.map((d) => d.day)).toEqual([
      '2026-01-01',
      '2026-01-05',
      '2026-01-05',
      '2026-01-05',
      '2026-01-05',
      '2026-01-06',
    ]);
  });

  it('never goes back in time, and flags nothing in a chain whose dates agree with it', () => {
    const timestamp = fc.oneof(
      fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constant('10000-01-01T00:00:00+00:00'),
    );
    fc.assert(
      fc.property(fc.array(timestamp, { maxLength: 40 }), (timestamps) => {
        const days = branchDays(timestamps).map((d) => d.day);
        for (let i = 1; i < days.length; i++) expect((days[i] ?? '') >= (days[i - 1] ?? '')).toBe(true);
        const sorted = timestamps.filter((t) => !Number.isNaN(Date.parse(t))).sort();
        expect(branchDays(sorted).every((d) => d.anomaly === null)).toBe(true);
      }),
    );
  });
});
