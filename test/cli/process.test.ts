/**
 * The few tests that run `node bin/exemptions.js` as a real process, for what only a process shows: the
 * exit code the shell sees and which stream each line goes to. Every other command test runs in process
 * (test/support/cli.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledPolicyDir, repoRoot } from '../../scripts/core/paths.ts';
import { scratchFolder } from '../support/requests.ts';

const fixture = 'test/support/fixtures/foundation/university-request.yaml';

function exemptions(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(repoRoot, 'bin/exemptions.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
}

describe('the exemptions process', () => {
  it('exits 0 and prints only the JSON document on stdout for evaluate --format json', () => {
    const run = exemptions(['evaluate', '--format', 'json', '--date', '2026-11-22', fixture]);
    expect(run.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(compiledPolicyDir, 'manifest.json'), 'utf8')) as {
      digest: string;
    };
    const out = JSON.parse(run.stdout) as {
      policy: { digest: string };
      results: { decision: { outcome: string } }[];
    };
    expect(out.policy.digest).toBe(manifest.digest);
    expect(out.results[0]?.decision.outcome).toBe('not-required');
    expect(run.stderr).toBe('');
  });

  it('decides with Node alone: no OPA on PATH and none it could run', () => {
    const run = exemptions(['evaluate', '--date', '2026-11-22', 'examples/requests'], {
      PATH: dirname(process.execPath),
      OPA: '/nonexistent/opa',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('outcome: ready-for-decision (CALNET MSA)');
    expect(run.stdout).toContain('8 files:');
  });

  it('exits 1 when a request is invalid, with the located errors on stdout', () => {
    const run = exemptions(['validate', 'test/support/fixtures/requests/calnet/wrong-forms.yaml']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^test\/support\/fixtures\/requests\/calnet\/wrong-forms\.yaml:6:17 /);
  });

  it('exits 2 for a usage error, with a plain message on stderr and nothing on stdout', () => {
    const run = exemptions(['evaluate', '--date', '2026-02-30', fixture]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--date must be a calendar date');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('exits 2 for a user mistake without a stack trace', () => {
    const run = exemptions(['audit', '--repo-dir', '/']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^exemptions: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the version and the policy digest with --version and exits 0', () => {
    const run = exemptions(['--version']);
    const manifest = JSON.parse(readFileSync(join(compiledPolicyDir, 'manifest.json'), 'utf8')) as {
      digest: string;
      opaVersion: string;
    };
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      `exemptions ${version}, policy ${manifest.digest} (OPA ${manifest.opaVersion})\n`,
    );
  });

  it('prints the commands with --help and exits 0', () => {
    const run = exemptions(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('audit-issue');
  });

  it('never waits for input when stdin is not a terminal: new without flags ends at once with a usage error', async () => {
    // stdin is a pipe that stays open: a prompt would wait on it until the test's timeout.
    const child = spawn(process.execPath, [join(repoRoot, 'bin/exemptions.js'), 'new'], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const status = await new Promise<number | null>((done) => child.on('exit', done));
    child.stdin.end();
    expect(status).toBe(2);
    expect(stderr).toContain('--program is needed when new does not run in a terminal');
  });

  it('stops quietly when its reader goes away early, as with | head', async () => {
    const { dir, remove } = scratchFolder('pipe');
    try {
      // Enough files for a report of several chunks; each copy lacks its documents, which is fine here.
      const text = readFileSync(join(repoRoot, 'examples/requests/calnet/dwr-2026-sd-wan.yaml'), 'utf8');
      mkdirSync(join(dir, 'calnet'));
      for (let i = 0; i < 400; i++) {
        writeFileSync(
          join(dir, 'calnet', `dwr-2026-copy-${i}.yaml`),
          text.replace('id: dwr-2026-sd-wan', `id: dwr-2026-copy-${i}`),
        );
      }
      const child = spawn(
        process.execPath,
        [join(repoRoot, 'bin/exemptions.js'), 'evaluate', '--format', 'json', '--date', '2026-11-22', dir],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // Read the first chunk, then close the pipe, as `head -c 1` does.
      child.stdout.once('data', () => child.stdout.destroy());
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(status).not.toBe(null);
    } finally {
      remove();
    }
  });
});
