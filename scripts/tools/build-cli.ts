/**
 * `npm run build`: compiles the command line to JavaScript in `dist/` (esbuild, one ESM bundle per entry
 * with shared chunks and the packages they use), so that `exemptions` starts without a TypeScript
 * compiler. `npm ci` runs it (`prepare`); the TypeScript under scripts/ stays the source of truth, and
 * `npm test` rebuilds first, so the process tests run what the sources say.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../core/paths.ts';

export const distDir = join(repoRoot, 'dist');

export async function buildCli(): Promise<void> {
  rmSync(distDir, { recursive: true, force: true });
  await build({
    absWorkingDir: repoRoot,
    entryPoints: { cli: 'scripts/cli.ts', 'run/workers/evaluation': 'scripts/run/workers/evaluation.ts' },
    outdir: distDir,
    bundle: true,
    // Each command's module stays a chunk of its own, loaded only when that command runs.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages are bundled too: one file read per chunk instead of hundreds of module resolutions at
    // start. Their CommonJS code asks for Node's built-ins with `require`, which an ES module lacks.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  await buildCli();
  console.log('built dist/');
}
