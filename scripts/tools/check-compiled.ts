/**
 * `npm run check:compiled`: the committed compiled policy (compiled/policy/) must be exactly what a fresh
 * build of policies/ gives, and the schema's standalone validator (compiled/schema/) what a fresh compile
 * of the request schema gives, so that what runs without OPA is what the sources say. A drift names the files
 * that differ and how to bring them back.
 */
import { relative } from 'node:path';
import { filesDrift } from '../core/generated.ts';
import { compiledPolicyDir, compiledSchemaDir, repoRoot } from '../core/paths.ts';
import { buildPolicy, compiledDrift } from '../policy/compile.ts';
import { standaloneFiles } from '../request/validate.ts';

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
  const schemaWhere = relative(repoRoot, compiledSchemaDir);
  const schemaDrifted = filesDrift(standaloneFiles(), compiledSchemaDir);
  if (schemaDrifted.length > 0) {
    console.error(
      `${schemaWhere} differs from a fresh compile of schemas/request.schema.json (${schemaDrifted.join(', ')}): run npm run build:policy and commit ${schemaWhere}/`,
    );
    process.exit(1);
  }
  console.log(`${schemaWhere} is the standalone validator of schemas/request.schema.json`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
