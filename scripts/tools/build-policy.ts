/**
 * `npm run build:policy`: compiles the policies, and the request schema to its standalone validator, and
 * writes them where the evaluator and the schema check read them (compiled/).
 */

import { writeFiles } from '../core/generated.ts';
import { compiledSchemaDir } from '../core/paths.ts';
import { buildPolicy, writeBuiltPolicy } from '../policy/compile.ts';
import { standaloneFiles } from '../request/validate.ts';

try {
  const built = await buildPolicy();
  writeBuiltPolicy(built);
  console.log(
    `policy built: ${built.manifest.digest} (${built.manifest.wasmBytes} bytes of wasm, OPA ${built.manifest.opaVersion})`,
  );
  writeFiles(standaloneFiles(), compiledSchemaDir);
  console.log('request schema compiled to its standalone validator');
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
