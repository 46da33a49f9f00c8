/**
 * Where the repository's own files are, for runtime code: the root, the policy sources, the compiled
 * policy and the schemas. The builder writes the compiled policy here and the evaluator reads it here.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository this code runs from: the nearest folder above this module with a package.json and
 * the policies. The module is scripts/core/paths.ts, or a chunk of the compiled bundle in dist/.
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'policies'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository above ${from}`);
  }
}

export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
/** The Rego policies and their reference data. */
export const policiesDir = join(repoRoot, 'policies');
/**
 * The compiled policy (policy.wasm, data.json, manifest.json), committed so that Node alone runs the
 * product: `npm run build:policy` writes it from policies/, and `npm test` fails when it differs from a
 * fresh build of the sources.
 */
export const compiledPolicyDir = join(repoRoot, 'compiled', 'policy');
export const schemasDir = join(repoRoot, 'schemas');
/**
 * The request schema compiled to a standalone validator (Ajv's generated code) and the digest of the
 * schema it was generated from, committed beside the compiled policy: `npm run build:policy` writes it,
 * and `npm test` fails when it differs from a fresh generation.
 */
export const compiledSchemaDir = join(repoRoot, 'compiled', 'schema');
/** Example requests, where the audit does not count them: what a new user tries first. */
export const examplesRoot = join(repoRoot, 'examples', 'requests');
