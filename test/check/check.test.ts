/**
 * `exemptions check`: the one pass a person runs while writing a request. Format errors, location rules
 * and the policy's findings in one run, in the order of the file, ending with the next step.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { copyExample, examples, scratchFolder } from '../support/requests.ts';

const DATE = ['--date', '2026-11-22'];
const scratch: (() => void)[] = [];
afterEach(() => {
  for (const remove of scratch.splice(0)) remove();
});

function dwrCopy(): { dir: string; file: string } {
  const { dir, remove } = scratchFolder('check');
  scratch.push(remove);
  return { dir, file: copyExample(dir, 'calnet', 'dwr-2026-sd-wan') };
}

/** Rewrites a line of a copied request: `from` must occur exactly once. */
function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text.split(from)).toHaveLength(2);
  writeFileSync(file, text.replace(from, to));
}

describe('exemptions check', () => {
  it('says the DWR example is ready for the Director, as its last line, and exits 0', async () => {
    const run = await runCli(['check', join(examples, 'calnet', 'dwr-2026-sd-wan.yaml'), ...DATE]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-2)).toMatch(/^ready for the decision of the Director, Department of Technology/);
    expect(run.stdout).toContain(
      'grounds shown: the Individual Price Reduction shows a substantially lower cost',
    );
  });

  it('reports a schema error and a policy finding of one file in the same run, in the order of the file', async () => {
    const { dir, file } = dwrCopy();
    // A format error: the quantity is not a number.
    edit(file, 'quantity: 6', 'quantity: six');
    // A policy finding in a well-formed part: the total no longer adds up.
    edit(file, 'total: 120000.00', 'total: 130000.00');
    const run = await runCli(['check', ...DATE], { cwd: dir });
    expect(run.status).toBe(1);
    const out = run.stdout;
    const format = out.indexOf('services › item 1 › quantity');
    const policy = out.indexOf('cost-total-mismatch');
    expect(format).toBeGreaterThan(0);
    expect(policy).toBeGreaterThan(format);
    expect(out).toMatch(/requests\/calnet\/dwr-2026-sd-wan\.yaml:\d+:\d+ cost-total-mismatch: /);
    expect(out).toContain('CALNET MSA policy, Procedures, fourth item');
    expect(out).toContain('invalid: 1 problem with the format, and 1 more the policy finds in the rest');
    expect(out.trimEnd().split('\n').at(-2)).toBe('2 problems left to fix, listed above');
  });

  it('leaves out what a format error already covers: a wrong value is not also reported missing', async () => {
    const { dir, file } = dwrCopy();
    edit(file, 'provider: ', 'provider: [a, list] #');
    const run = await runCli(['check', '--format', 'json', ...DATE], { cwd: dir });
    const [result] = (
      JSON.parse(run.stdout) as { results: { findings: { path: string; source: string }[] }[] }
    ).results;
    const atProvider = result?.findings.filter((f) => f.path === '/contract/provider');
    expect(atProvider?.map((f) => f.source)).toEqual(['format']);
  });

  it('prints the JSON report of evaluate with each file findings beside it', async () => {
    const run = await runCli(['check', join(examples, 'cgen'), '--format', 'json', ...DATE]);
    const document = JSON.parse(run.stdout) as {
      policy: { digest: string };
      results: { valid: boolean; decision: { outcome: string }; findings: { level: string }[] }[];
    };
    expect(document.policy.digest).toMatch(/^sha256:/);
    expect(document.results[0]?.decision.outcome).toBe('ready-for-decision');
    expect(document.results[0]?.findings.every((f) => f.level === 'note')).toBe(true);
  });

  it('with --quiet prints only what must be fixed and the last line', async () => {
    const { dir, file } = dwrCopy();
    edit(file, 'total: 120000.00', 'total: 130000.00');
    const run = await runCli(['check', '--quiet', ...DATE], { cwd: dir });
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'requests/calnet/dwr-2026-sd-wan.yaml (dwr-2026-sd-wan)',
      expect.stringMatching(/^ {2}✗ requests\/calnet\/dwr-2026-sd-wan\.yaml:\d+:\d+ cost-total-mismatch: /),
      expect.stringContaining('CALNET MSA policy, Procedures, fourth item'),
      '',
      '1 problem left to fix, listed above',
    ]);
  });

  it('ends a run over many requests with what is ready and what is left', async () => {
    const run = await runCli(['check', examples, ...DATE]);
    expect(run.status).toBe(1);
    expect(run.stdout.trimEnd().split('\n').at(-2)).toBe(
      '8 requests: 4 ready for decision, 3 need no exemption; 1 bound by an ATO',
    );
  });

  it('says in one line that there is nothing to check in an empty repository, and exits 0', async () => {
    const { dir, remove } = scratchFolder('check-empty');
    scratch.push(remove);
    const run = await runCli(['check'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stdout).toContain('npx exemptions evaluate examples/requests');
  });

  it('colours only a terminal, and never with NO_COLOR or --no-color', async () => {
    const file = join(examples, 'calnet', 'dwr-2026-sd-wan.yaml');
    const colourCode = '\u001b[';
    expect((await runCli(['check', file, ...DATE])).stdout).not.toContain(colourCode);
    expect((await runCli(['check', file, ...DATE], { stdoutIsTerminal: true })).stdout).toContain(colourCode);
    const noColor = await runCli(['check', file, ...DATE], {
      stdoutIsTerminal: true,
      env: { NO_COLOR: '1' },
    });
    expect(noColor.stdout).not.toContain(colourCode);
    const flag = await runCli(['--no-color', 'check', file, ...DATE], { stdoutIsTerminal: true });
    expect(flag.stdout).not.toContain(colourCode);
  });

  it('shows an example in its help', async () => {
    const run = await runCli(['check', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Examples:');
  });
});

describe('exemptions check --format markdown', () => {
  it('prints the letter the pull request comment shows, without the marker or the state', async () => {
    const run = await runCli([
      'check',
      join(examples, 'calnet', 'dwr-2026-sd-wan.yaml'),
      '--format',
      'markdown',
      ...DATE,
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('## Exemption request evaluation\n')).toBe(true);
    expect(run.stdout).toContain(
      '✅ **The check passes:** every request is ready for decision or needs no exemption.',
    );
    expect(run.stdout).toMatch(/^ {2}\*\*Next:\*\* ready for the decision of the Director/m);
    expect(run.stdout).toContain('<details><summary>Details: ✅ ready for decision');
    expect(run.stdout).not.toContain('exemptions-state');
    expect(run.stdout).not.toContain('exemptions-evaluation');
  });

  it('shows an invalid file with its provisional findings, as the comment would', async () => {
    const { dir, file } = dwrCopy();
    edit(file, 'quantity: 6', 'quantity: six');
    edit(file, 'total: 120000.00', 'total: 130000.00');
    const run = await runCli(['check', '--format', 'markdown', ...DATE], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('**The policy also finds, in the parts that are well formed** (1)');
    expect(run.stdout).toContain('fix the problems listed (2)');
  });
});

describe('the local letter of many requests', () => {
  it('says how to see the requests it leaves out, not to split a pull request', async () => {
    const { dir, remove } = scratchFolder('check-many');
    scratch.push(remove);
    const file = copyExample(dir, 'calnet', 'dwr-2026-sd-wan');
    const text = readFileSync(file, 'utf8');
    for (let i = 0; i < 205; i++) {
      writeFileSync(
        join(dir, 'requests', 'calnet', `dwr-2026-m${i}.yaml`),
        text.replace('id: dwr-2026-sd-wan', `id: dwr-2026-m${i}`),
      );
    }
    const run = await runCli(['check', '--format', 'markdown', ...DATE], { cwd: dir });
    expect(run.stdout).toContain('more request file(s) are not shown: check fewer files at a time');
    expect(run.stdout).not.toContain('split the pull request');
  });
});
