/**
 * `npm run check:compiled`: the committed compiled policy (compiled/policy/) must be exactly what a fresh
 * build of policies/ gives, so that what runs without OPA is what the sources say. A drift names the files
 * that differ and how to bring them back.
 */
import { relative } from 'node:path';
import { compiledPolicyDir, repoRoot } from '../core/paths.ts';
import { buildPolicy, compiledDrift } from '../policy/compile.ts';

try {
  const built = await buildPolicy();
  const drifted = compiledDrift(built);
  const where = relative(repoRoot, compiledPolicyDir);
  if (drifted.length > 0) {
    console.error(
      `${where} differs from a fresh build of policies/ (${drifted.join(', ')}): run npm run build:policy and commit ${where}/`,
    );
    process.exit(1);
  }
  console.log(`${where} is the build of policies/: ${built.manifest.digest}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
