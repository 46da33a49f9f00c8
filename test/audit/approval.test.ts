import { describe, expect, it } from 'vitest';
import { loadIdentities } from '../../scripts/approvers/identities.ts';
import { approverOf, describeApprover, isAmongOwners, isDirectorTeam } from '../../scripts/audit/approval.ts';
import type { HistoryCommit } from '../../scripts/audit/history.ts';
import { IDENTITIES } from './scenario.ts';

const { map } = loadIdentities('governance/identities.json', IDENTITIES);

function mergeBy(name: string, email: string): HistoryCommit {
  const date = '2026-02-01T10:00:00+00:00';
  return {
    sha: 'a'.repeat(40),
    parents: ['b'.repeat(40), 'c'.repeat(40)],
    author: { name, email, date },
    committer: { name: 'GitHub', email: 'noreply@github.com', date },
    message: 'Merge pull request #1 from org/x',
    changes: [],
  };
}

describe('who approved, and whether they were allowed to', () => {
  it('maps the merge author to a handle and checks teams on the day', () => {
    const alice = approverOf(mergeBy('Alice', 'Alice@CDT.example.gov'), 'merge', undefined, map);
    expect([alice.handle, alice.source, alice.known]).toEqual(['@alice', 'mapping', true]);
    expect(isAmongOwners(['@ca-cdt/calnet-approvers'], alice, '2026-02-01', map)).toBe(true);
    expect(isAmongOwners(['@ca-cdt/cgen-approvers'], alice, '2026-02-01', map)).toBe(false);
    expect(isAmongOwners(['@ALICE'], alice, '2026-02-01', map)).toBe(true);
    expect(isDirectorTeam(alice, '2026-02-01', map)).toBe(false);
  });

  it('accepts an email owner for an identity the mapping does not know', () => {
    const stranger = approverOf(mergeBy('Sam', 'sam@agency.example.gov'), 'merge', undefined, map);
    expect(stranger.handle).toBeNull();
    expect(isAmongOwners(['sam@agency.example.gov'], stranger, '2026-02-01', map)).toBe(true);
    expect(isAmongOwners(['@sam'], stranger, '2026-02-01', map)).toBe(false);
    expect(describeApprover(stranger)).toBe(
      'Sam <sam@agency.example.gov> (not in governance/identities.json)',
    );
  });

  it("takes GitHub's merged_by over git, and says when they disagree", () => {
    const fact = {
      pr: 1,
      mergedBy: 'dana',
      mergeCommit: 'm'.repeat(40),
      reviews: [],
      openedAt: null,
      error: null,
    };
    const approver = approverOf(mergeBy('Alice', 'alice@cdt.example.gov'), 'merge', fact, map);
    expect([approver.handle, approver.source]).toEqual(['@dana', 'github']);
    expect(approver.mismatch).toBe(
      'git author alice@cdt.example.gov maps to @alice, GitHub says @dana merged',
    );
    expect(isDirectorTeam(approver, '2026-02-01', map)).toBe(true);
    // merged_by names a handle: the git author's address no longer counts as the approver's.
    expect(isAmongOwners(['alice@cdt.example.gov'], approver, '2026-02-01', map)).toBe(false);
  });

  it('knows no approver for a squash or rebase merge unless GitHub names one', () => {
    const squash = mergeBy('Bob', 'bob@cdt.example.gov');
    expect(approverOf(squash, 'squash', undefined, map).known).toBe(false);
    expect(approverOf(squash, 'rebase', undefined, map).handle).toBeNull();
    const fact = {
      pr: 8,
      mergedBy: 'bob',
      mergeCommit: 's'.repeat(40),
      reviews: [],
      openedAt: null,
      error: null,
    };
    expect(approverOf(squash, 'squash', fact, map)).toMatchObject({
      known: true,
      handle: '@bob',
      mismatch: null,
    });
  });
});
