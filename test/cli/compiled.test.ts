/**
 * `exemptions` runs compiled JavaScript: no TypeScript compiler is needed, or loaded, at run time. The
 * TypeScript under scripts/ stays the source; a checkout whose sources are newer than the bundle runs
 * them instead, so no command runs code older than its sources.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import { scratchFolder } from '../support/requests.ts';

/** The packages only maintainers need: the TypeScript runners and compilers. */
const COMPILERS = new Set(['tsx', 'esbuild', '@esbuild', 'typescript', 'get-tsconfig']);

describe('the compiled command line', () => {
  it('checks a request in a copy that has no TypeScript, no tsx and no esbuild', () => {
    const { dir, remove } = scratchFolder('compiled');
    try {
      for (const part of ['package.json', 'bin', 'dist', 'compiled', 'policies', 'schemas']) {
        cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
      }
      mkdirSync(join(dir, 'node_modules'));
      for (const name of readdirSync(join(repoRoot, 'node_modules'))) {
        if (!COMPILERS.has(name))
          symlinkSync(join(repoRoot, 'node_modules', name), join(dir, 'node_modules', name));
      }
      const example = join(repoRoot, 'examples', 'requests', 'calnet', 'dwr-2026-sd-wan');
      mkdirSync(join(dir, 'requests', 'calnet'), { recursive: true });
      cpSync(`${example}.yaml`, join(dir, 'requests', 'calnet', 'dwr-2026-sd-wan.yaml'));
      cpSync(example, join(dir, 'requests', 'calnet', 'dwr-2026-sd-wan'), { recursive: true });
      const exemptions = (args: string[]) =>
        spawnSync(process.execPath, ['bin/exemptions.js', ...args], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
        });
      const run = exemptions(['check', '--date', '2026-11-22']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('ready for the decision of the Director');
      // Enough files for two threads: the worker runs compiled too. Each copy lacks its documents
      // folder, so each is invalid, and every one is reported.
      const text = readFileSync(`${example}.yaml`, 'utf8');
      for (let i = 0; i < 60; i++) {
        writeFileSync(
          join(dir, 'requests', 'calnet', `dwr-2026-copy-${i}.yaml`),
          text.replace('id: dwr-2026-sd-wan', `id: dwr-2026-copy-${i}`),
        );
      }
      const many = exemptions(['evaluate', '--workers', '2', '--format', 'json', '--date', '2026-11-22']);
      expect(many.stderr).toBe('');
      const results = (JSON.parse(many.stdout) as { results: { valid: boolean }[] }).results;
      expect(results).toHaveLength(61);
      expect(results.filter((r) => r.valid)).toHaveLength(1);
    } finally {
      remove();
    }
  });
});

describe('which code exemptions runs', () => {
  const scratch: (() => void)[] = [];
  afterAll(() => {
    for (const remove of scratch) remove();
  });

  /** A tree with bin/entry.js, a bundle and one source, the bundle this many ms newer than the source. */
  async function entryWith(bundleNewerByMs: number): Promise<string> {
    const { dir, remove } = scratchFolder('entry');
    scratch.push(remove);
    cpSync(join(repoRoot, 'bin', 'entry.js'), join(dir, 'bin', 'entry.js'), { recursive: true });
    mkdirSync(join(dir, 'dist'));
    mkdirSync(join(dir, 'scripts', 'core'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'cli.js'), 'export {};\n');
    writeFileSync(join(dir, 'scripts', 'core', 'x.ts'), 'export {};\n');
    const source = new Date('2026-12-01T00:00:00Z');
    utimesSync(join(dir, 'scripts', 'core', 'x.ts'), source, source);
    const bundle = new Date(source.getTime() + bundleNewerByMs);
    utimesSync(join(dir, 'dist', 'cli.js'), bundle, bundle);
    const entry = (await import(pathToFileURL(join(dir, 'bin', 'entry.js')).href)) as {
      cliEntry: () => string;
    };
    return entry.cliEntry();
  }

  it('is the bundle when it is as new as every source', async () => {
    expect(await entryWith(60_000)).toBe('compiled');
  });

  it('is the TypeScript when a source was changed after the bundle was built', async () => {
    expect(await entryWith(-60_000)).toBe('source');
  });
});

describe('what a command loads at start', () => {
  const chunks = join(repoRoot, 'dist', 'chunks');

  /** Every module a chunk of the bundle imports statically, itself included, as file names. */
  function staticGraph(first: string): Set<string> {
    const seen = new Set<string>();
    const queue = [first];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(join(chunks, file), 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*"\.\/(chunk-[\w-]+\.js)"/g)) {
        queue.push(match[1] as string);
      }
    }
    return seen;
  }

  /** The packages a chunk graph holds, from the path comments esbuild writes above each module. */
  function packagesOf(files: Set<string>): Set<string> {
    const packages = new Set<string>();
    for (const file of files) {
      const text = readFileSync(join(chunks, file), 'utf8');
      for (const match of text.matchAll(/^\/\/ node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\//gm)) {
        packages.add(match[1] as string);
      }
    }
    return packages;
  }

  it.each([
    'check',
    'validate',
    'evaluate',
  ])('%s loads neither the GitHub client nor the audit signatures', (command) => {
    const chunk = readdirSync(chunks).find((name) => name.startsWith(`${command}-`) && name.endsWith('.js'));
    expect(chunk, `a chunk of its own for ${command}`).toBeDefined();
    const packages = packagesOf(staticGraph(chunk as string));
    // The request's own packages are in the bundle, so a start reads a few files rather than hundreds.
    expect(packages).toContain('js-yaml');
    expect([...packages].filter((name) => name.startsWith('@octokit/') || name === 'openpgp')).toEqual([]);
  });
});
