/** Every command explains itself: --help prints its options and at least one whole example. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

async function commandNames(): Promise<string[]> {
  const run = await runCli(['--help']);
  const listed = run.stdout.split('Commands:')[1] ?? '';
  return [...listed.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1] as string).filter((n) => n !== 'help');
}

describe('the help', () => {
  it('lists the commands, the one-pass check among them', async () => {
    expect(await commandNames()).toEqual(
      expect.arrayContaining(['check', 'validate', 'new', 'trusted-check']),
    );
  });

  it('gives every command an example that runs it', async () => {
    const names = await commandNames();
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) {
      const run = await runCli([name, '--help']);
      expect(run.status, name).toBe(0);
      const examples = run.stdout.split('Examples:\n')[1] ?? '';
      expect(examples, name).toContain(`npx exemptions ${name}`);
    }
  });

  it('offers --no-color and --version', async () => {
    const run = await runCli(['--help']);
    expect(run.stdout).toContain('--no-color');
    expect(run.stdout).toContain('--version');
  });
});
