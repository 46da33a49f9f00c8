// Which code `exemptions` runs: the compiled bundle in dist/ (npm ci builds it; no TypeScript compiler
// is loaded), unless a source under scripts/ is newer than it, as in a checkout being edited; then the
// TypeScript itself through tsx, so a command never runs code older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const compiledCli = join(root, 'dist', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** 'compiled' when dist/ is at least as new as every source, else 'source'. */
export function cliEntry() {
  if (!existsSync(compiledCli)) return 'source';
  const scripts = join(root, 'scripts');
  if (!existsSync(scripts)) return 'compiled';
  return statSync(compiledCli).mtimeMs >= newestSource(scripts) ? 'compiled' : 'source';
}

/** The `run` function of the command line, from the code `cliEntry` chose. */
export async function loadRun() {
  if (cliEntry() === 'compiled') return (await import(compiledCli)).run;
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../scripts/cli.ts')).run;
}
