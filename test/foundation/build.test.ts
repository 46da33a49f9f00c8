import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledPolicyDir, policiesDir } from '../../scripts/core/paths.ts';
import {
  buildPolicy,
  canonicalJson,
  compiledDrift,
  policyDigest,
  writeBuiltPolicy,
} from '../../scripts/policy/compile.ts';

const scratch = mkdtempSync(join(tmpdir(), 'build-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A policy folder with the project's pinned capabilities and one Rego file. */
function policyFolder(name: string, rego: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(policiesDir, 'capabilities.json'), join(dir, 'capabilities.json'));
  writeFileSync(join(dir, 'policy.rego'), rego);
  return dir;
}

describe('policy build', () => {
  it('records a digest over the wasm and the reference data', () => {
    const manifest = JSON.parse(readFileSync(join(compiledPolicyDir, 'manifest.json'), 'utf8'));
    const wasm = readFileSync(join(compiledPolicyDir, 'policy.wasm'));
    const data = JSON.parse(readFileSync(join(compiledPolicyDir, 'data.json'), 'utf8'));
    expect(manifest.digest).toBe(policyDigest(wasm, data));
    expect(manifest.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('ships the build of the sources, and tells a drift from it', async () => {
    const built = await buildPolicy();
    expect(compiledDrift(built)).toEqual([]);
    const copy = join(scratch, 'drifted');
    writeBuiltPolicy(built, copy);
    expect(compiledDrift(built, copy)).toEqual([]);
    writeFileSync(join(copy, 'data.json'), built.dataJson.replace('2000', '3000'));
    rmSync(join(copy, 'manifest.json'));
    expect(compiledDrift(built, copy)).toEqual(['data.json', 'manifest.json']);
  });

  it('gives a different digest when only the reference data changes', () => {
    const wasm = new Uint8Array([0, 97, 115, 109]);
    expect(policyDigest(wasm, { threshold: 20 })).not.toBe(policyDigest(wasm, { threshold: 21 }));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it('fails at build time when the policy calls a builtin the Node SDK cannot run', async () => {
    const dir = policyFolder('clock', 'package exemptions\n\ndecision := {"now": time.now_ns()}\n');
    await expect(buildPolicy(dir)).rejects.toThrow(/time\.now_ns/);
  });

  it('fails at build time for network access too', async () => {
    const dir = policyFolder(
      'network',
      'package exemptions\n\ndecision := http.send({"method": "GET", "url": "http://127.0.0.1"})\n',
    );
    await expect(buildPolicy(dir)).rejects.toThrow(/http\.send/);
  });

  it('builds a policy that only uses supported builtins', async () => {
    const dir = policyFolder(
      'plain',
      'package exemptions\n\ndecision := {"n": count([1, 2]), "s": concat("-", ["a", "b"])}\n',
    );
    const built = await buildPolicy(dir);
    expect(built.wasm.subarray(0, 4)).toEqual(Buffer.from([0, 97, 115, 109]));
  });
});
