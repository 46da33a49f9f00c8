/**
 * Whether GitHub made a commit: the commit object's `gpgsig` header must be an OpenPGP signature, over the
 * object without that header, by one of the reviewed merge-signing keys (`governance/merge-signing-keys.asc`,
 * GitHub's web-flow keys). A message, an author and a committer are whatever the pusher typed; only the
 * signature proves the merge button. Verified in process with OpenPGP.js, so the audit needs no gpg.
 */
import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';

/** The reviewed file of keys whose signature proves that GitHub made a commit. */
export const MERGE_SIGNING_KEYS_PATH = 'governance/merge-signing-keys.asc';

export type SignatureCheck =
  | { status: 'valid'; fingerprint: string }
  /** No signature at all: not a commit GitHub made. */
  | { status: 'unsigned' }
  /** Signed, but by a key that is not a reviewed merge-signing key. */
  | { status: 'unknown-key'; keyId: string }
  /** A signature by a reviewed key that does not match the commit: the commit was altered. */
  | { status: 'bad'; keyId: string; reason: string };

export interface SigningKeys {
  keys: openpgp.PublicKey[];
  /** Fingerprints of the primary keys and their subkeys, uppercase hex. */
  fingerprints: string[];
}

const ARMORED_KEY = /-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]*?-----END PGP PUBLIC KEY BLOCK-----/g;

/**
 * Reads every armored public key block of the file (one block per key, as GitHub publishes them); a
 * block that does not parse is an error the caller reports.
 */
export async function readSigningKeys(armored: string): Promise<SigningKeys> {
  const blocks = armored.match(ARMORED_KEY) ?? [];
  if (blocks.length === 0) throw new Error('no armored public key block');
  const keys = (await Promise.all(blocks.map((block) => openpgp.readKeys({ armoredKeys: block })))).flat();
  const fingerprints = keys.flatMap((key) => [
    key.getFingerprint().toUpperCase(),
    ...key.getSubkeys().map((subkey) => subkey.getFingerprint().toUpperCase()),
  ]);
  return { keys, fingerprints };
}

export const NO_SIGNING_KEYS: SigningKeys = { keys: [], fingerprints: [] };

/**
 * Splits a raw commit object into the bytes that were signed (the object without its `gpgsig` header and
 * that header's continuation lines) and the armored signature, or null when the commit has none.
 */
export function splitSignature(raw: Buffer): { payload: Buffer; signature: string | null } {
  const text = raw.toString('latin1');
  const headerEnd = text.indexOf('\n\n');
  const headers = (headerEnd < 0 ? text : text.slice(0, headerEnd + 1)).split('\n');
  const kept: string[] = [];
  const signature: string[] = [];
  let inSignature = false;
  for (const line of headers) {
    if (line.startsWith('gpgsig ')) {
      inSignature = true;
      signature.push(line.slice('gpgsig '.length));
    } else if (inSignature && line.startsWith(' ')) {
      signature.push(line.slice(1));
    } else {
      inSignature = false;
      kept.push(line);
    }
  }
  if (signature.length === 0) return { payload: raw, signature: null };
  const body = headerEnd < 0 ? '' : text.slice(headerEnd + 1);
  return {
    payload: Buffer.from(kept.join('\n') + body, 'latin1'),
    signature: signature.join('\n'),
  };
}

const HASH_NAMES: Record<number, string> = {
  2: 'sha1',
  8: 'sha256',
  9: 'sha384',
  10: 'sha512',
  11: 'sha224',
};

/**
 * The quick-check field of a v4 signature (the first two bytes of the signed digest) is a hint outside
 * what the signature covers; gpg ignores it, and GitHub's 2017 signer wrote values that do not match.
 * OpenPGP.js refuses on it before the real check, so it is set from the digest computed here; the
 * signature itself is then verified over the full digest as usual.
 */
function setQuickCheck(signature: openpgp.Signature, payload: Buffer): void {
  for (const packet of signature.packets) {
    const name = packet.hashAlgorithm === null ? undefined : HASH_NAMES[packet.hashAlgorithm];
    if (packet.version !== 4 || !packet.signatureData || !name) continue;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(packet.signatureData.length);
    const digest = createHash(name)
      .update(payload)
      .update(packet.signatureData)
      .update(Buffer.from([0x04, 0xff]))
      .update(length)
      .digest();
    packet.signedHashValue = new Uint8Array(digest.subarray(0, 2));
  }
}

/** Checks a raw commit object (`git cat-file commit`) against the merge-signing keys. */
export async function checkCommitSignature(raw: Buffer, trusted: SigningKeys): Promise<SignatureCheck> {
  const { payload, signature } = splitSignature(raw);
  if (signature === null) return { status: 'unsigned' };
  let parsed: openpgp.Signature;
  try {
    parsed = await openpgp.readSignature({ armoredSignature: signature });
  } catch {
    return { status: 'bad', keyId: 'unreadable', reason: 'the signature cannot be read' };
  }
  const keyIds = parsed.getSigningKeyIDs().map((id) => id.toHex().toUpperCase());
  const keyId = keyIds[0] ?? 'none';
  const known = keyIds.some((id) => trusted.fingerprints.some((f) => f.endsWith(id)));
  if (!known) return { status: 'unknown-key', keyId };
  setQuickCheck(parsed, payload);
  try {
    const result = await openpgp.verify({
      message: await openpgp.createMessage({ binary: new Uint8Array(payload) }),
      signature: parsed,
      verificationKeys: trusted.keys,
      format: 'binary',
    });
    const [first] = result.signatures;
    if (!first) return { status: 'bad', keyId, reason: 'the signature holds no signature packet' };
    await first.verified;
    const fingerprint =
      trusted.fingerprints.find((f) => f.endsWith(first.keyID.toHex().toUpperCase())) ?? keyId;
    return { status: 'valid', fingerprint };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'bad', keyId, reason };
  }
}
