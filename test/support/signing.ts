/**
 * Merges "GitHub made": a test history's merge commits signed the way GitHub signs its own (a `gpgsig`
 * header over the commit object), with a throwaway key that the history's own
 * `governance/merge-signing-keys.asc` trusts. Signatures are EdDSA and dated by the commit, so a signed
 * history has the same commit ids on every run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { repoRoot } from '../../scripts/core/paths.ts';
import type { Files, Person, Repository } from './repository.ts';

const FIXTURES = join(repoRoot, 'test/support/fixtures/signing');

/** The public key test histories trust as GitHub's merge-signing key. */
export const TRUSTED_SIGNING_KEY = readFileSync(join(FIXTURES, 'merge-signer.public.asc'), 'utf8');

export type Signer = 'trusted' | 'other';

const keys = new Map<Signer, Promise<openpgp.PrivateKey>>();
function privateKey(signer: Signer): Promise<openpgp.PrivateKey> {
  let key = keys.get(signer);
  if (!key) {
    const file = signer === 'trusted' ? 'merge-signer.private.asc' : 'other-signer.private.asc';
    key = openpgp.readPrivateKey({ armoredKey: readFileSync(join(FIXTURES, file), 'utf8') });
    keys.set(signer, key);
  }
  return key;
}

/** The armored public key of a signer, for a history that is to trust (or be tricked into trusting) it. */
export async function publicKeyOf(signer: Signer): Promise<string> {
  return (await privateKey(signer)).toPublic().armor();
}

/**
 * Signs the commit at the tip of the current branch, as GitHub signs a merge it makes, and moves the
 * branch to the signed commit. Returns the signed commit's id.
 */
export async function signTip(repo: Repository, signer: Signer = 'trusted'): Promise<string> {
  const raw = Buffer.from(repo.git(['cat-file', 'commit', 'HEAD']), 'utf8');
  const text = raw.toString('utf8');
  const committer = /^committer .* (\d+) [+-]\d{4}$/m.exec(text);
  const signature = (await openpgp.sign({
    message: await openpgp.createMessage({ binary: new Uint8Array(Buffer.from(`${text}\n`, 'utf8')) }),
    signingKeys: await privateKey(signer),
    detached: true,
    format: 'armored',
    date: new Date(Number(committer?.[1] ?? 0) * 1000),
    // OpenPGP.js salts signatures by default; a fixture wants the same commit ids on every run.
    config: { nonDeterministicSignaturesViaNotation: false },
  })) as string;
  const header = `gpgsig ${signature.trimEnd().split('\n').join('\n ')}`;
  const [headers = '', ...rest] = `${text}\n`.split('\n\n');
  const signed = `${headers}\n${header}\n\n${rest.join('\n\n')}`;
  const sha = repo.git(
    ['hash-object', '-t', 'commit', '-w', '--stdin'],
    undefined,
    undefined,
    Buffer.from(signed),
  );
  repo.git(['update-ref', 'HEAD', sha]);
  return sha;
}

/** A pull request merged by GitHub: `Repository.mergePullRequest`, then signed with the trusted key. */
export async function signedMerge(
  repo: Repository,
  number: number,
  branch: string,
  files: Files,
  author: Person,
  merger: Person,
  signer: Signer = 'trusted',
): Promise<{ merge: string; head: string }> {
  const { head } = repo.mergePullRequest(number, branch, files, author, merger);
  return { merge: await signTip(repo, signer), head };
}
