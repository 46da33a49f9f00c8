/**
 * The proof of a GitHub merge is its signature. The real merges GitHub signed verify with the keys the
 * project ships, and fail with one byte changed; a test history's merges signed with the throwaway key
 * verify only where that key is trusted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkCommitSignature,
  MERGE_SIGNING_KEYS_PATH,
  readSigningKeys,
  splitSignature,
} from '../../scripts/audit/signatures.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import { Repository } from '../support/repository.ts';
import { signedMerge, signTip, TRUSTED_SIGNING_KEY } from '../support/signing.ts';
import { AGENCY, ALICE } from './scenario.ts';

const REAL = join(repoRoot, 'test/support/fixtures/github/signed-commits');
const shipped = () => readSigningKeys(readFileSync(join(repoRoot, MERGE_SIGNING_KEYS_PATH), 'utf8'));

describe("GitHub's own signed merges", () => {
  const commits = readdirSync(REAL).filter((f) => f.endsWith('.commit'));

  it('are the two real commits, one per web-flow key', async () => {
    expect(commits).toHaveLength(2);
    expect((await shipped()).fingerprints).toEqual(
      expect.arrayContaining([
        '5DE3E0509C47EA3CF04A42D34AEE18F83AFDEB23',
        '968479A1AFF927E37D1A566BB5690EEEBB952194',
      ]),
    );
  });

  it.each(commits)('%s verifies with the shipped keys', async (name) => {
    const result = await checkCommitSignature(readFileSync(join(REAL, name)), await shipped());
    expect(result.status).toBe('valid');
  });

  it.each(commits)('%s fails with one byte of its message changed', async (name) => {
    const raw = Buffer.from(readFileSync(join(REAL, name)));
    raw[raw.length - 2] = (raw[raw.length - 2] ?? 0) ^ 0x01;
    expect((await checkCommitSignature(raw, await shipped())).status).toBe('bad');
  });

  it.each(commits)('%s is an unknown key to a history that trusts only another key', async (name) => {
    const result = await checkCommitSignature(
      readFileSync(join(REAL, name)),
      await readSigningKeys(TRUSTED_SIGNING_KEY),
    );
    expect(result.status).toBe('unknown-key');
  });

  it('splits the signature off exactly: what remains is the object git hashed without it', () => {
    const raw = readFileSync(join(REAL, commits[0] ?? ''));
    const { payload, signature } = splitSignature(raw);
    expect(signature?.startsWith('-----BEGIN PGP SIGNATURE-----')).toBe(true);
    expect(payload.toString('latin1')).not.toContain('gpgsig');
    expect(payload.toString('latin1').startsWith('tree ')).toBe(true);
  });
});

describe('merges signed in a test history', () => {
  const repo = new Repository();
  afterAll(() => repo.dispose());

  it('verify with the throwaway key, not with another, and not at all unsigned', async () => {
    repo.commit('Start', { 'README.md': 'x\n' });
    const trusted = await readSigningKeys(TRUSTED_SIGNING_KEY);
    const raw = (sha: string) => Buffer.from(`${repo.git(['cat-file', 'commit', sha])}\n`);
    const good = await signedMerge(repo, 1, 'a', { 'a.txt': 'a\n' }, AGENCY, ALICE);
    expect(await checkCommitSignature(raw(good.merge), trusted)).toMatchObject({ status: 'valid' });
    const other = await signedMerge(repo, 2, 'b', { 'b.txt': 'b\n' }, AGENCY, ALICE, 'other');
    expect(await checkCommitSignature(raw(other.merge), trusted)).toMatchObject({ status: 'unknown-key' });
    const unsigned = repo.mergePullRequest(3, 'c', { 'c.txt': 'c\n' }, AGENCY, ALICE);
    expect(await checkCommitSignature(raw(unsigned.merge), trusted)).toEqual({ status: 'unsigned' });
    // Signing is deterministic: the same commit signed again is the same object.
    const first = await signTip(repo);
    repo.git(['update-ref', 'HEAD', unsigned.merge]);
    expect(await signTip(repo)).toBe(first);
  });
});
