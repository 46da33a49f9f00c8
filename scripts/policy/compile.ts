/**
 * Compiles Rego policies to WebAssembly with the pinned OPA and the pinned capabilities, and records
 * the policy digest (sha256 over the wasm and the reference data) that every evaluation reports.
 */

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { filesDrift, writeFiles } from '../core/generated.ts';
import { compiledPolicyDir, policiesDir } from '../core/paths.ts';
import { readToolchain, runTool } from '../core/toolchain.ts';

/** The one decision entrypoint; `data.exemptions.decision` in Rego. */
import { DECISION_ENTRYPOINT } from './decision.ts';

export { DECISION_ENTRYPOINT };

export interface PolicyManifest {
  digest: string;
  opaVersion: string;
  entrypoint: string;
  wasmBytes: number;
}

export interface BuiltPolicy {
  wasm: Buffer;
  /** The reference data exactly as OPA bundled it, as JSON text. */
  dataJson: string;
  manifest: PolicyManifest;
}

/** JSON with object keys sorted, so the digest does not depend on key order in the data files. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function policyDigest(wasm: Uint8Array, data: unknown): string {
  const hash = createHash('sha256');
  hash.update(wasm);
  hash.update(canonicalJson(data));
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Builds the policy found in `policyDir` (Rego plus reference data, tests excluded). The capabilities file
 * is read from the same folder, so an older policy version is built with the capabilities it was written for.
 */
export async function buildPolicy(policyDir: string = policiesDir): Promise<BuiltPolicy> {
  const work = mkdtempSync(join(tmpdir(), 'policy-build-'));
  try {
    const bundle = join(work, 'bundle.tar.gz');
    runTool(
      'opa',
      [
        'build',
        '--target',
        'wasm',
        '--entrypoint',
        DECISION_ENTRYPOINT,
        '--capabilities',
        join(policyDir, 'capabilities.json'),
        '--ignore',
        '*_test.rego',
        '--ignore',
        'capabilities.json',
        '--ignore',
        '*.md',
        '--output',
        bundle,
        '.',
      ],
      { cwd: policyDir },
    );
    await tar.x({
      file: bundle,
      cwd: work,
      filter: (path) => path === '/policy.wasm' || path === '/data.json',
    });
    const wasm = readFileSync(join(work, 'policy.wasm'));
    const dataJson = readFileSync(join(work, 'data.json'), 'utf8');
    const manifest: PolicyManifest = {
      digest: policyDigest(wasm, JSON.parse(dataJson)),
      opaVersion: readToolchain().opa.version,
      entrypoint: DECISION_ENTRYPOINT,
      wasmBytes: wasm.byteLength,
    };
    return { wasm, dataJson, manifest };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The files of a built policy, by name, exactly as they are written. */
export function builtPolicyFiles(built: BuiltPolicy): Record<string, Buffer> {
  return {
    'policy.wasm': built.wasm,
    'data.json': Buffer.from(built.dataJson),
    'manifest.json': Buffer.from(`${JSON.stringify(built.manifest, null, 2)}\n`),
  };
}

/** The files of `dir` that differ from a built policy (missing ones included), by name. */
export function compiledDrift(built: BuiltPolicy, dir: string = compiledPolicyDir): string[] {
  return filesDrift(builtPolicyFiles(built), dir);
}

export function writeBuiltPolicy(built: BuiltPolicy, outDir: string = compiledPolicyDir): void {
  writeFiles(builtPolicyFiles(built), outDir);
}
