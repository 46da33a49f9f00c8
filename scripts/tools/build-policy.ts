/** `npm run build:policy`: compiles the policies and writes them where the evaluator reads them. */
import { buildPolicy, writeBuiltPolicy } from '../policy/compile.ts';

try {
  const built = await buildPolicy();
  writeBuiltPolicy(built);
  console.log(
    `policy built: ${built.manifest.digest} (${built.manifest.wasmBytes} bytes of wasm, OPA ${built.manifest.opaVersion})`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
