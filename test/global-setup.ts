/**
 * Before the suites: builds the policy when the build is missing or older than the policy sources, and
 * compiles the command line, so that the tests that run `bin/exemptions.js` run the bundle of these sources.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compiledPolicyDir, policiesDir } from '../scripts/core/paths.ts';
import { buildPolicy, writeBuiltPolicy } from '../scripts/policy/compile.ts';
import { buildCli } from '../scripts/tools/build-cli.ts';

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
  }
  return newest;
}

export default async function setup(): Promise<void> {
  await buildCli();
  const manifest = join(compiledPolicyDir, 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newestSource(policiesDir)) return;
  writeBuiltPolicy(await buildPolicy());
}
