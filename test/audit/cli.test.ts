import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../scripts/audit/render.ts';
import { VIOLATION_KINDS } from '../../scripts/audit/violations.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import { runCli } from '../support/cli.ts';
import { csvRecords } from '../support/csv.ts';
import { buildScenario, type Scenario } from './scenario.ts';

let scenario: Scenario;

/** Runs the command line from inside the scenario repository, with no GitHub token around. */
function exemptions(args: string[], cwd = scenario.repo.dir, env: Record<string, string> = {}) {
  return runCli(args, { cwd, env });
}

beforeAll(async () => {
  scenario = await buildScenario();
});
afterAll(() => scenario.repo.dispose());

describe('exemptions audit', () => {
  it('--verify lists every violation on stderr and exits 1; the CSV register goes to stdout', async () => {
    const run = await exemptions(['audit', '--verify', '--format', 'csv', '--as-of', '2027-01-15']);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(`\uFEFF${CSV_COLUMNS.map((c) => c.name).join(',')}`);
    expect(lines).toHaveLength(16);
    const kinds = Object.keys(VIOLATION_KINDS);
    const violations = run.stderr.split('\n').filter((l) => kinds.includes(l.split(':')[0] ?? ''));
    expect(violations).toHaveLength(14);
    expect(run.stderr).toContain(
      `merger-not-owner: requests/calnet/dmv-voice.yaml at ${scenario.c.pr2?.slice(0, 12)} (PR #2)`,
    );
    expect(run.stderr).toContain('verify: 14 violations');
    expect(run.stderr).toMatch(/audited 21 commits on main .* 3 policy versions compiled/);
  });

  it('exits 0 without --verify, and with --verify on a history without violations', async () => {
    expect((await exemptions(['audit', '--as-of', '2027-01-15'])).status).toBe(0);
    const run = await exemptions(['audit', '--verify', '--as-of', '2026-01-07', '--format', 'json']);
    expect(run.status).toBe(0);
    const register = JSON.parse(run.stdout) as { rows: { request: string }[]; violations: unknown[] };
    expect(register.rows.map((r) => r.request)).toEqual(['dgs-wan']);
    expect(register.violations).toEqual([]);
  });

  it('--line-endings lf ends the CSV records with LF on stdout and in --csv FILE; CRLF is the default', async () => {
    const file = join(scenario.repo.dir, '..', 'register.csv');
    const args = ['audit', '--format', 'csv', '--as-of', '2027-01-15', '--csv', file];
    const crlf = await exemptions(args);
    expect(crlf.stdout.startsWith('\uFEFF')).toBe(true);
    expect(crlf.stdout.endsWith('\r\n')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(crlf.stdout);
    const lf = await exemptions([...args, '--line-endings', 'lf']);
    expect(lf.stdout).not.toContain('\r');
    expect(readFileSync(file, 'utf8')).toBe(lf.stdout);
    expect(csvRecords(lf.stdout)).toEqual(csvRecords(crlf.stdout));
    expect((await exemptions([...args, '--line-endings', 'cr'])).status).toBe(2);
  });

  it('appends the markdown register to --summary', async () => {
    const summary = join(scenario.repo.dir, '..', 'summary.md');
    writeFileSync(summary, 'before\n');
    await exemptions(['audit', '--as-of', '2027-01-15', '--format', 'json', '--summary', summary]);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('before\n# Register of exemption requests')).toBe(true);
  });

  it('refuses a malformed date, a bad day count and an unknown branch with exit 2 and a plain message', async () => {
    const date = await exemptions(['audit', '--as-of', '2027-02-30']);
    expect([date.status, date.stderr]).toEqual([
      2,
      expect.stringContaining('--as-of must be a calendar date'),
    ]);
    const days = await exemptions(['audit', '--expiring-within', 'soon']);
    expect([days.status, days.stderr]).toEqual([
      2,
      expect.stringContaining('--expiring-within must be a whole number'),
    ]);
    const branch = await exemptions(['audit', '--branch', 'trunk']);
    expect([branch.status, branch.stderr]).toEqual([
      2,
      expect.stringContaining('no branch or commit named "trunk"'),
    ]);
    const format = await exemptions(['audit', '--format', 'xml']);
    expect(format.status).toBe(2);
  });

  it('says plainly when the folder is not a git repository', async () => {
    const run = await exemptions(['audit'], join(scenario.repo.dir, '..'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('exemptions:');
  });
});

describe('exemptions audit-issue', () => {
  it('needs a token and refuses a file that is not a JSON register', async () => {
    const file = join(scenario.repo.dir, '..', 'not-a-register.json');
    writeFileSync(file, '{"rows": []}');
    expect((await exemptions(['audit-issue', '--from', file])).stderr).toContain('needs a token');
    const run = await exemptions(['audit-issue', '--from', file], repoRoot, {
      GITHUB_TOKEN: 'x',
      GITHUB_REPOSITORY: 'ca-cdt/exemptions',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('not a register written by exemptions audit --format json');
  });
});
