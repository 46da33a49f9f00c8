/**
 * The register site: one page rendered from the audit's result, with the grants, the expiries by notice,
 * the review queue, the decision log and the violations, every value escaped, and a page that loads
 * nothing and runs only its own script.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditResult, runAudit } from '../../scripts/audit/audit.ts';
import { renderCsv } from '../../scripts/audit/render.ts';
import { renderSitePage } from '../../scripts/audit/site.ts';
import { runCli } from '../support/cli.ts';
import { auditSource, BOT_TOKEN, GitHubStandIn } from '../support/github-stand-in.ts';
import {
  AS_OF,
  buildGrantsHistory,
  type GrantsHistory,
  HOSTILE_ID,
  HOSTILE_TITLE,
  standInPulls,
} from './grants-history.ts';

let history: GrantsHistory;
const github = new GitHubStandIn();
let withToken: AuditResult;
let withoutToken: AuditResult;
const out = mkdtempSync(join(tmpdir(), 'register-site-'));

beforeAll(async () => {
  history = await buildGrantsHistory();
  await github.start();
  standInPulls(github, history);
  const options = { repoDir: history.repo.dir, branch: 'main', asOf: AS_OF };
  withToken = await runAudit({ ...options, github: auditSource(github), decisions: true, queue: true });
  withoutToken = await runAudit(options);
});
afterAll(async () => {
  history.repo.dispose();
  rmSync(out, { recursive: true, force: true });
  await github.stop();
});

/** The rows of the table with this id, as the text of their cells. */
function tableRows(page: string, id: string): string[][] {
  const table = new RegExp(`<table id="${id}"[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(page)?.[1] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      (cell[1] ?? '').replace(/<[^>]+>/g, ''),
    ),
  );
}

describe('the register site', () => {
  it('lists the grants with agency, program, services, term, approver, merge and policy of their day', () => {
    const page = renderSitePage(withToken);
    const rows = tableRows(page, 'grants-table');
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[5], r[6], r[8]?.slice(0, 3)])).toEqual([
      ['dgs-wan', 'DGS', 'CALNET MSA', 'wan-data, internet-access', '2026-12-31 (contract)', '@alice', '#1 '],
      ['dgs-phones', 'DGS', 'CALNET MSA', '', '2027-01-31 (contract)', '@alice', '#2 '],
      ['sac-radio', 'SAC-COUNTY', 'CGEN', 'voice-local', '2027-01-14 (contract)', '@bob', '#3 '],
    ]);
    const digest = withToken.rows[0]?.policy_digest ?? '';
    expect(digest).toMatch(/^sha256:/);
    expect(page).toContain(`title="${digest}"`);
    expect(rows[0]?.[8]).toContain(history.merges.dgsWan.slice(0, 12));
  });

  it('puts each term end under its notice: 30, 60 and 90 days from the audit date', () => {
    const page = renderSitePage(withToken);
    expect(tableRows(page, 'expiring-30').map((r) => [r[0], r[1], r[4]])).toEqual([
      ['2026-12-31', '30', 'dgs-wan'],
    ]);
    expect(tableRows(page, 'expiring-60').map((r) => [r[0], r[1], r[4]])).toEqual([
      ['2027-01-14', '44', 'sac-radio'],
    ]);
    // The County's ATO agreement (2025-03-01, two years) ends in the 90-day notice too.
    expect(tableRows(page, 'expiring-90').map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      ['2027-01-31', '61', 'exemption term', 'dgs-phones'],
      ['2027-03-01', '90', 'ATO term', ''],
    ]);
  });

  it('shows the review queue with outcome and days waited, and the decision log', () => {
    const page = renderSitePage(withToken);
    expect(tableRows(page, 'queue-table').map((r) => [r[0], r[3], r[5]])).toEqual([
      ['#8', 'ready for decision', '60'],
      ['#7', 'incomplete', '30'],
    ]);
    expect(tableRows(page, 'decisions-table').map((r) => [r[0], r[3], r[4]])).toEqual([
      ['#5', 'denied', 'alice'],
      ['#6', 'withdrawn', 'agency-author'],
    ]);
  });

  it('lists the violations, and counts grants and decisions per month with the time to decision', () => {
    const page = renderSitePage(withToken);
    const kinds = tableRows(page, 'violations-table').map((r) => r[0]);
    expect(kinds).toEqual(['decision-not-acceptable', 'direct-push']);
    const figures =
      /<details><summary>Grants and decisions per month: the figures<\/summary>([\s\S]*?)<\/details>/.exec(
        page,
      )?.[1] ?? '';
    expect(figures).toContain('<th scope="row">2026-01</th><td>3</td><td>0</td>');
    expect(figures).toContain('<th scope="row">2026-03</th><td>0</td><td>2</td>');
    const time =
      /<details><summary>Time to decision \(median days\): the figures<\/summary>([\s\S]*?)<\/details>/.exec(
        page,
      )?.[1] ?? '';
    // January: 11, 8 and 2 days from opening to the approving merge; March: 30 and 10 days to the close.
    expect(time).toContain('<th scope="row">2026-01</th><td>8</td>');
    expect(time).toContain('<th scope="row">2026-03</th><td>20</td>');
  });

  it('escapes every value: a file name and a title that try to write HTML are text', () => {
    const page = renderSitePage(withToken);
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('</td></tr> @');
    expect(page).toContain('x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain(
      '&lt;script&gt;alert(&quot;queue&quot;)&lt;/script&gt; &amp; &lt;/td&gt;&lt;/tr&gt;',
    );
    expect(HOSTILE_ID).toContain('<img');
    expect(HOSTILE_TITLE).toContain('<script>');
  });

  it('loads nothing and runs only its own script and style, allowed by their hashes', () => {
    const page = renderSitePage(withToken);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
    expect(policy).toContain("default-src 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const sha = (text: string) => createHash('sha256').update(text).digest('base64');
    expect(policy).toContain(`script-src 'sha256-${sha(script)}'`);
    expect(policy).toContain(`style-src 'sha256-${sha(style)}'`);
    expect(page.match(/<script/g)).toHaveLength(1);
    // No element loads anything or carries a style of its own (the policy would block it).
    expect(page).not.toMatch(/<[a-z][^>]*\s(src=|style=|href="https?:)/i);
  });

  it('without a token says what it could not read, and shows grants only', () => {
    const page = renderSitePage(withoutToken);
    expect(page).toContain('Not read: the review queue needs the GitHub API');
    expect(page).toContain('Not read: the decision log needs the GitHub API');
    expect(page).not.toContain('id="queue-table"');
    expect(page).toContain('No time to decision');
    expect(tableRows(page, 'grants-table')).toHaveLength(3);
  });

  it('keeps the rest of the queue when GitHub cannot list one pull request, and says which', async () => {
    github.fail({ method: 'GET', path: /\/pulls\/8\/files/, status: 500, times: 1 });
    const result = await runAudit({
      repoDir: history.repo.dir,
      branch: 'main',
      asOf: AS_OF,
      github: auditSource(github),
      queue: true,
    });
    expect(result.queue?.map((q) => q.pr)).toEqual([7]);
    expect(result.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/^pull request #8: /));
  });

  it('is the same page for the same audit, whatever the day it is written', () => {
    expect(renderSitePage(withToken)).toBe(
      renderSitePage({ ...withToken, stats: { ...withToken.stats, milliseconds: 1 } }),
    );
  });
});

describe('exemptions audit --format html', () => {
  it('writes the page and the CSV register into --out, with the queue and the log when a token is given', async () => {
    const dir = join(out, 'site');
    const run = await runCli(
      ['audit', '--format', 'html', '--out', dir, '--as-of', AS_OF, '--repo', 'ca-cdt/exemptions'],
      { cwd: history.repo.dir, env: { GITHUB_TOKEN: BOT_TOKEN, GITHUB_API_URL: github.baseUrl } },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`wrote the register site to ${join(dir, 'index.html')}`);
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(tableRows(page, 'queue-table')).toHaveLength(2);
    expect(readFileSync(join(dir, 'register.csv'), 'utf8')).toBe(renderCsv({ ...withToken }));
  });

  it('refuses --format html without --out, plainly', async () => {
    const run = await runCli(['audit', '--format', 'html', '--as-of', AS_OF], {
      cwd: history.repo.dir,
      env: {},
    });
    expect([run.status, run.stderr]).toEqual([
      2,
      expect.stringContaining('--format html writes a folder: give it with --out DIR'),
    ]);
    expect(existsSync(join(history.repo.dir, 'index.html'))).toBe(false);
  });
});
