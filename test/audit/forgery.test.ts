/**
 * A merge is GitHub's only when GitHub signed it. Message, author and committer are whatever a pusher
 * types, so a merge made on a workstation that copies GitHub's message and an owner's address is not an
 * approval, nor is one signed by any other key or altered after GitHub signed it. The guard against an
 * audit that secures itself by refusing everything: GitHub's signed merge by an approver of the day is
 * granted with no violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../scripts/audit/audit.ts';
import { Repository } from '../support/repository.ts';
import { publicKeyOf, signedMerge, TRUSTED_SIGNING_KEY } from '../support/signing.ts';
import {
  ADMIN,
  AGENCY,
  ALICE,
  auditOf,
  CAROL,
  calnetRequest,
  DANA,
  foundationFiles,
  IDENTITIES,
} from './scenario.ts';

const violationsAt = (result: AuditResult, commit: string) =>
  result.violations.filter((v) => v.commit === commit).map((v) => [v.kind, v.detail]);

describe('merges that claim to be GitHub’s', () => {
  const repo = new Repository();
  const c: Record<string, string> = {};
  let result: AuditResult;
  beforeAll(async () => {
    c.root = repo.commit('Start the repository', foundationFiles(), ADMIN);
    c.granted = (await signedMerge(repo, 1, 'granted', calnetRequest('granted'), AGENCY, ALICE)).merge;
    // Made on a workstation: GitHub's message, GitHub as committer, an owner as author. No signature.
    c.handMade = repo.mergePullRequest(77, 'hand-made', calnetRequest('hand-made'), AGENCY, ALICE).merge;
    c.otherKey = (
      await signedMerge(repo, 3, 'other-key', calnetRequest('other-key'), AGENCY, ALICE, 'other')
    ).merge;
    // Signed by GitHub, merged by someone who is no code owner of requests/calnet/.
    c.nonOwner = (await signedMerge(repo, 4, 'non-owner', calnetRequest('non-owner'), AGENCY, CAROL)).merge;
    // GitHub signed it; the message was changed afterwards, keeping the signature.
    const signed = (await signedMerge(repo, 5, 'altered', calnetRequest('altered'), AGENCY, ALICE)).merge;
    const raw = repo.git(['cat-file', 'commit', signed]);
    const altered = `${raw.replace('Merge pull request #5', 'Merge pull request #6')}\n`;
    c.altered = repo.git(
      ['hash-object', '-t', 'commit', '-w', '--stdin'],
      undefined,
      undefined,
      Buffer.from(altered),
    );
    repo.git(['update-ref', 'HEAD', c.altered]);
    result = await auditOf(repo);
  });
  afterAll(() => repo.dispose());

  it("grants GitHub's signed merge by an approver of the day, with no violation", () => {
    expect(violationsAt(result, c.granted ?? '')).toEqual([]);
    const row = result.rows.find((r) => r.request === 'granted');
    expect(row).toMatchObject({ merge_signature: 'github', merger_is_owner: true });
  });

  it('reports a hand-made merge with GitHub’s message and an owner’s address', () => {
    expect(violationsAt(result, c.handMade ?? '')).toEqual([
      ['unsigned-merge', expect.stringContaining('no signature')],
    ]);
    expect(result.rows.find((r) => r.request === 'hand-made')).toMatchObject({
      merge_signature: 'unsigned',
      merger_is_owner: null,
    });
  });

  it('reports a merge signed by a key that is not a reviewed merge-signing key', () => {
    expect(violationsAt(result, c.otherKey ?? '')).toEqual([
      ['unknown-signing-key', expect.stringContaining('governance/merge-signing-keys.asc')],
    ]);
  });

  it('reports a signed merge by someone who was not an owner that day', () => {
    expect(violationsAt(result, c.nonOwner ?? '').map(([kind]) => kind)).toEqual(['merger-not-owner']);
  });

  it('reports a signed merge altered after GitHub signed it', () => {
    expect(violationsAt(result, c.altered ?? '')).toEqual([
      ['unsigned-merge', expect.stringContaining('does not verify')],
    ]);
  });
});

describe('an owner only later', () => {
  const repo = new Repository('2025-06-01T12:00:00Z');
  afterAll(() => repo.dispose());

  it('is no owner on the day of a merge before their membership began', async () => {
    // Alice's CALNET membership starts 2026-01-01; this merge is in 2025.
    repo.commit('Start the repository', foundationFiles(), ADMIN);
    const early = (await signedMerge(repo, 1, 'early', calnetRequest('early'), AGENCY, ALICE)).merge;
    const result = await auditOf(repo);
    expect(violationsAt(result, early).map(([kind]) => kind)).toEqual(['merger-not-owner']);
    expect(IDENTITIES).toContain('"from": "2026-01-01"');
  });
});

describe('a history without merge-signing keys', () => {
  const repo = new Repository();
  afterAll(() => repo.dispose());

  it('proves no merge, and says why', async () => {
    const { 'governance/merge-signing-keys.asc': _keys, ...withoutKeys } = foundationFiles();
    repo.commit('Start the repository', withoutKeys, ADMIN);
    const merge = (await signedMerge(repo, 1, 'a', calnetRequest('a'), AGENCY, ALICE)).merge;
    const result = await auditOf(repo);
    expect(violationsAt(result, merge).map(([kind]) => kind)).toEqual(['unknown-signing-key']);
    expect(result.problems.map((p) => p.message)).toContain(
      'no merge-signing keys in force (governance/merge-signing-keys.asc at the baseline, or changed by a merge they signed): no merge can be proven to be GitHub’s',
    );
  });
});

describe('the merge-signing keys themselves', () => {
  const repo = new Repository();
  afterAll(() => repo.dispose());

  it('cannot be extended by a forged merge that signs itself with the key it adds', async () => {
    repo.commit('Start the repository', foundationFiles(), ADMIN);
    const keys = `${TRUSTED_SIGNING_KEY}\n${await publicKeyOf('other')}`;
    // Signed with the key it adds, authored as the Director: it would certify itself under the new keys.
    const forged = (
      await signedMerge(repo, 1, 'keys', { 'governance/merge-signing-keys.asc': keys }, ADMIN, DANA, 'other')
    ).merge;
    const later = (await signedMerge(repo, 2, 'later', calnetRequest('later'), AGENCY, ALICE, 'other')).merge;
    const result = await auditOf(repo);
    expect(violationsAt(result, forged).map(([kind]) => kind)).toEqual(['unknown-signing-key']);
    expect(violationsAt(result, later).map(([kind]) => kind)).toEqual(['unknown-signing-key']);
    expect(result.problems.map((p) => p.message)).toContain(
      'this change to the merge-signing keys was not signed with the keys before it, so it is not trusted',
    );
  });

  it('are extended by a change GitHub signed with the keys before it, from that merge on', async () => {
    const history = new Repository();
    history.commit('Start the repository', foundationFiles(), ADMIN);
    const keys = `${TRUSTED_SIGNING_KEY}\n${await publicKeyOf('other')}`;
    const rotation = (
      await signedMerge(history, 1, 'keys', { 'governance/merge-signing-keys.asc': keys }, ADMIN, DANA)
    ).merge;
    const after = (await signedMerge(history, 2, 'after', calnetRequest('after'), AGENCY, ALICE, 'other'))
      .merge;
    const result = await auditOf(history);
    expect(violationsAt(result, rotation)).toEqual([]);
    expect(violationsAt(result, after)).toEqual([]);
    history.dispose();
  });
});
