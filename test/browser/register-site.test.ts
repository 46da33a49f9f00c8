/**
 * The register site in a real Chromium, opened from file:// as an auditor opens a downloaded artifact:
 * no page error (its Content-Security-Policy blocks nothing it needs), no axe-core violation, and its
 * tables sort and filter from the keyboard. The screenshot in docs/ is taken here (`npm run docs:web`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import {
  AS_OF,
  buildGrantsHistory,
  type GrantsHistory,
  HOSTILE_TITLE,
  standInPulls,
} from '../audit/grants-history.ts';
import { accessibilityViolations, launchBrowser, watchPageErrors } from '../support/browser.ts';
import { runCli } from '../support/cli.ts';
import { BOT_TOKEN, GitHubStandIn } from '../support/github-stand-in.ts';

let history: GrantsHistory;
let session: Awaited<ReturnType<typeof launchBrowser>>;
const github = new GitHubStandIn();
const out = mkdtempSync(join(tmpdir(), 'register-site-browser-'));
let url: string;

beforeAll(async () => {
  history = await buildGrantsHistory();
  await github.start();
  standInPulls(github, history);
  const site = join(out, 'register');
  const run = await runCli(
    ['audit', '--format', 'html', '--out', site, '--as-of', AS_OF, '--repo', 'ca-cdt/exemptions'],
    { cwd: history.repo.dir, env: { GITHUB_TOKEN: BOT_TOKEN, GITHUB_API_URL: github.baseUrl } },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  url = pathToFileURL(join(site, 'index.html')).href;
  session = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await session?.close();
  history?.repo.dispose();
  rmSync(out, { recursive: true, force: true });
  await github.stop();
});

const cellTexts = (page: Page, table: string, column: number) =>
  page.$$eval(
    `#${table} tbody tr:not([hidden])`,
    (rows, index) => rows.map((r) => r.children[index]?.textContent ?? ''),
    column,
  );

describe('the register site in Chromium', () => {
  it('renders with no page error and no accessibility violation, and is saved as docs/register-site.png', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchPageErrors(page);
    await page.goto(url);
    expect(await page.title()).toBe(`Register of exemptions, as of ${AS_OF}`);
    expect(await page.locator('#queue-table').textContent()).toContain(HOSTILE_TITLE);
    expect(await page.locator('img').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    // The picture in docs/ is taken only when asked for (`npm run docs:web`), so a test run writes nothing.
    if (process.env.UPDATE_SCREENSHOTS)
      await page.screenshot({ path: join(repoRoot, 'docs', 'register-site.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sorts a table by a column from the keyboard, both ways', async () => {
    const page = await session.browser.newPage();
    const errors = watchPageErrors(page);
    await page.goto(url);
    expect(await cellTexts(page, 'grants-table', 0)).toEqual(['dgs-wan', 'dgs-phones', 'sac-radio']);
    const button = page.locator('#grants-table thead button', { hasText: 'Request' });
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await cellTexts(page, 'grants-table', 0)).toEqual(['dgs-phones', 'dgs-wan', 'sac-radio']);
    expect(await page.locator('#grants-table thead th').first().getAttribute('aria-sort')).toBe('ascending');
    await page.keyboard.press('Space');
    expect(await cellTexts(page, 'grants-table', 0)).toEqual(['sac-radio', 'dgs-wan', 'dgs-phones']);
    expect(await page.locator('#grants-table thead th').first().getAttribute('aria-sort')).toBe('descending');
    // A number column sorts as numbers: 30 before 60 waiting days.
    await page.locator('#queue-table thead button', { hasText: 'Waiting' }).focus();
    await page.keyboard.press('Enter');
    expect(await cellTexts(page, 'queue-table', 5)).toEqual(['30', '60']);
    expect(await page.locator('#queue-table-count').textContent()).toBe(
      '2 rows; sorted by Waiting (days), ascending',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters a table by what is typed, every word, and says how many rows are shown', async () => {
    const page = await session.browser.newPage();
    const errors = watchPageErrors(page);
    await page.goto(url);
    await page.locator('#grants-table-filter').focus();
    await page.keyboard.type('dgs 2027');
    expect(await cellTexts(page, 'grants-table', 0)).toEqual(['dgs-phones']);
    expect(await page.locator('#grants-table-count').textContent()).toBe('1 of 3 rows shown');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    expect(await cellTexts(page, 'grants-table', 0)).toHaveLength(3);
    expect(await page.locator('#grants-table-count').textContent()).toBe('3 rows');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
