import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../scripts/audit/render.ts';
import { VIOLATION_KINDS } from '../../scripts/audit/violations.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import { buildScenario, type Scenario } from './scenario.ts';

let scenario: Scenario;

/** Runs the command line from inside the scenario repository, with no GitHub token around. */
function exemptions(args: string[], cwd = scenario.repo.dir) {
  const env = { ...process.env };
  delete env.GITHUB_TOKEN;
  delete env.GITHUB_REPOSITORY;
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin/exemptions.js'), ...args], {
    cwd,
    env,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  scenario = buildScenario();
});
afterAll(() => scenario.repo.remove());

describe('exemptions audit', () => {
  it('--verify lists every violation on stderr and exits 1; the CSV register goes to stdout', () => {
    const run = exemptions(['audit', '--verify', '--format', 'csv', '--as-of', '2027-01-15']);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(CSV_COLUMNS.map((c) => c.name).join(','));
    expect(lines).toHaveLength(16);
    const kinds = Object.keys(VIOLATION_KINDS);
    const violations = run.stderr.split('\n').filter((l) => kinds.includes(l.split(':')[0] ?? ''));
    expect(violations).toHaveLength(13);
    expect(run.stderr).toContain(
      `merger-not-owner: requests/calnet/dmv-voice.yaml at ${scenario.c.pr2?.slice(0, 12)} (PR #2)`,
    );
    expect(run.stderr).toContain('verify: 13 violations');
    expect(run.stderr).toMatch(/audited 21 commits on main .* 3 policy versions compiled/);
  });

  it('exits 0 without --verify, and with --verify on a history without violations', () => {
    expect(exemptions(['audit', '--as-of', '2027-01-15']).status).toBe(0);
    const run = exemptions(['audit', '--verify', '--as-of', '2026-01-07', '--format', 'json']);
    expect(run.status).toBe(0);
    const register = JSON.parse(run.stdout) as { rows: { request: string }[]; violations: unknown[] };
    expect(register.rows.map((r) => r.request)).toEqual(['dgs-wan']);
    expect(register.violations).toEqual([]);
  });

  it('appends the markdown register to --summary', () => {
    const summary = join(scenario.repo.dir, '..', 'summary.md');
    writeFileSync(summary, 'before\n');
    exemptions(['audit', '--as-of', '2027-01-15', '--format', 'json', '--summary', summary]);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('before\n# Register of exemption requests')).toBe(true);
  });

  it('refuses a malformed date, a bad day count and an unknown branch with exit 2 and a plain message', () => {
    const date = exemptions(['audit', '--as-of', '2027-02-30']);
    expect([date.status, date.stderr]).toEqual([
      2,
      expect.stringContaining('--as-of must be a calendar date'),
    ]);
    const days = exemptions(['audit', '--expiring-within', 'soon']);
    expect([days.status, days.stderr]).toEqual([
      2,
      expect.stringContaining('--expiring-within must be a whole number'),
    ]);
    const branch = exemptions(['audit', '--branch', 'trunk']);
    expect([branch.status, branch.stderr]).toEqual([
      2,
      expect.stringContaining('no branch or commit named "trunk"'),
    ]);
    const format = exemptions(['audit', '--format', 'xml']);
    expect(format.status).toBe(2);
  });

  it('says plainly when the folder is not a git repository', () => {
    const run = exemptions(['audit'], join(scenario.repo.dir, '..'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('exemptions:');
  });
});

describe('exemptions audit-issue', () => {
  it('needs a token and refuses a file that is not a JSON register', () => {
    const file = join(scenario.repo.dir, '..', 'not-a-register.json');
    writeFileSync(file, '{"rows": []}');
    expect(exemptions(['audit-issue', '--from', file]).stderr).toContain('needs a token');
    const env = { ...process.env, GITHUB_TOKEN: 'x', GITHUB_REPOSITORY: 'ca-cdt/exemptions' };
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, 'bin/exemptions.js'), 'audit-issue', '--from', file],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('not a register written by exemptions audit --format json');
  });
});
