/**
 * Maintainer script: regenerates `policies/capabilities.json`, the pinned list of builtins the policy may
 * call. It keeps only what the Node SDK can run: builtins compiled natively into OPA's WebAssembly
 * (read from the pinned OPA's own source in the Go module cache) plus those the SDK implements in
 * JavaScript. Any other builtin (every `time.*`, `http.send`, ...) then fails `opa build`, not evaluation.
 *
 *   tsx scripts/capabilities.ts            # rewrite policies/capabilities.json
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../core/paths.ts';
import { readToolchain, runTool } from '../core/toolchain.ts';

interface Capabilities {
  builtins: { name: string }[];
  [key: string]: unknown;
}

/** Builtins the planner handles without a runtime function. */
const PLANNER_BUILTINS = ['eq', 'assign'];
/**
 * Builtins the compiler replaces before planning: a rule's own METADATA, from which each rule reads the
 * code it reports, so the code is written once.
 */
const COMPILER_BUILTINS = ['rego.metadata.rule'];

function opaSourceDir(): string {
  const pin = readToolchain().opa;
  if (pin.kind !== 'go') throw new Error('toolchain.json: OPA must be pinned as a Go module');
  const modcache = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout.trim();
  if (!modcache) throw new Error('Go is needed to read the pinned OPA source (go env GOMODCACHE failed)');
  return join(modcache, `${pin.module}@${pin.version}`);
}

export function wasmNativeBuiltins(sourceDir: string): string[] {
  const wasmGo = readFileSync(join(sourceDir, 'internal/compiler/wasm/wasm.go'), 'utf8');
  const table = wasmGo.slice(wasmGo.indexOf('var builtinsFunctions'), wasmGo.indexOf('var builtinsUsingRE2'));
  const astNames = [...table.matchAll(/ast\.(\w+)\.Name:/g)].map((m) => m[1] as string);
  const builtinsGo = readFileSync(join(sourceDir, 'v1/ast/builtins.go'), 'utf8');
  const nameOf = new Map<string, string>();
  for (const m of builtinsGo.matchAll(/var (\w+) = &Builtin\{\s*Name:\s*"([^"]+)"/g)) {
    nameOf.set(m[1] as string, m[2] as string);
  }
  return astNames.map((ast) => {
    const name = nameOf.get(ast);
    if (!name) throw new Error(`cannot find the builtin name of ast.${ast} in the OPA source`);
    return name;
  });
}

export function sdkBuiltins(): string[] {
  const require = createRequire(import.meta.url);
  const sdkDir = join(require.resolve('@open-policy-agent/opa-wasm'), '..');
  const builtins = require(join(sdkDir, 'builtins', 'index.js')) as Record<string, unknown>;
  return Object.keys(builtins);
}

function main(): void {
  const current = JSON.parse(runTool('opa', ['capabilities', '--current']).stdout) as Capabilities;
  const allowed = new Set([
    ...PLANNER_BUILTINS,
    ...COMPILER_BUILTINS,
    ...wasmNativeBuiltins(opaSourceDir()),
    ...sdkBuiltins(),
  ]);
  const builtins = current.builtins.filter((b) => allowed.has(b.name));
  const missing = [...allowed].filter((name) => !current.builtins.some((b) => b.name === name));
  if (missing.length > 0) throw new Error(`builtins not known to this OPA: ${missing.join(', ')}`);
  // Keep the capability sections OPA needs (features, wasm ABI versions); drop network access entirely.
  const pinned = { ...current, builtins, allow_net: [] };
  const target = join(repoRoot, 'policies', 'capabilities.json');
  writeFileSync(target, `${JSON.stringify(pinned, null, 2)}\n`);
  console.log(`wrote ${target}: ${builtins.length} of ${current.builtins.length} builtins`);
}

main();
