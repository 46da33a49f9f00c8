/** One error model, caught once: plain words for a user's mistake, a stack trace only with --debug. */
import { describe, expect, it } from 'vitest';
import { run } from '../../scripts/cli.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import { runCli } from '../support/cli.ts';

/** A run whose stdout fails on the first write: a fault of the machine, not of the user. */
async function runWithBrokenStdout(args: string[]) {
  const stderr: string[] = [];
  const status = await run(args, {
    stdout: {
      write: () => {
        throw new Error('the output pipe is closed');
      },
    },
    stderr: { write: (text: string) => stderr.push(text) },
    cwd: repoRoot,
    env: {},
  });
  return { status, stderr: stderr.join('') };
}

const fixture = 'test/support/fixtures/foundation/university-request.yaml';

describe('the command line', () => {
  it('does nothing when imported', async () => {
    const before = process.exitCode;
    await import('../../scripts/cli.ts');
    expect(process.exitCode).toBe(before);
  });

  it('reports an internal fault in one line and exit 2, with the stack only under --debug', async () => {
    const plain = await runWithBrokenStdout(['evaluate', '--date', '2026-11-22', fixture]);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('exemptions: internal error: the output pipe is closed');
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await runWithBrokenStdout(['--debug', 'evaluate', '--date', '2026-11-22', fixture]);
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('never shows a stack trace for a user mistake, even with --debug', async () => {
    const result = await runCli(['--debug', 'audit', '--repo-dir', '/']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^exemptions: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps two runs in one process apart', async () => {
    const [ok, bad] = await Promise.all([
      runCli(['evaluate', '--date', '2026-11-22', fixture]),
      runCli(['evaluate', '--date', 'tomorrow', fixture]),
    ]);
    expect([ok.status, bad.status]).toEqual([0, 2]);
    expect(ok.stderr).toBe('');
    expect(bad.stdout).toBe('');
  });
});
