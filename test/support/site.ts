/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The functions passed to the page run in the browser, with its DOM.
/**
 * The request builder as a browser loads it: the site built into a temporary folder and served on this
 * machine, and the page opened in the one real browser with its errors and network requests watched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildSite, type SiteConfig, type SiteFile } from '../../scripts/tools/build-web.ts';
import { serveSite } from '../../scripts/tools/serve-web.ts';
import { launchBrowser, watchPageErrors } from './browser.ts';

/** The repository the tests' site proposes to: a name of the tests' own, never a real one. */
export const TEST_SITE: SiteConfig = { repository: 'example-agency/exemption-requests', branch: 'trunk' };

export interface ServedSite {
  url: string;
  dir: string;
  files: SiteFile[];
  browser: Browser;
  close(): Promise<void>;
}

export async function serveBuiltSite(config: SiteConfig = TEST_SITE): Promise<ServedSite> {
  const dir = mkdtempSync(join(tmpdir(), 'request-builder-'));
  const files = await buildSite(dir, config);
  const { server, url } = await serveSite(dir);
  const session = await launchBrowser();
  return {
    url,
    dir,
    files,
    browser: session.browser,
    async close() {
      await session.close();
      await new Promise<void>((done) => (server as Server).close(() => done()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught errors of the page. */
  errors: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

/** Opens the page and waits for its first decision. */
export async function openBuilder(site: ServedSite): Promise<OpenedPage> {
  const page = await site.browser.newPage({ acceptDownloads: true });
  const errors = watchPageErrors(page);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(site.url);
  await page.waitForSelector('#decision-outcome');
  return { page, errors, requests };
}

/** The page's decision as it shows it: the outcome and the code of every policy finding, sorted. */
export async function shownDecision(page: Page): Promise<{ outcome: string; codes: string[] }> {
  return page.evaluate(() => ({
    outcome: document.querySelector('section.decision')?.getAttribute('data-outcome') ?? '',
    codes: [...document.querySelectorAll('#findings li[data-code]')]
      .map((li) => li.getAttribute('data-code') ?? '')
      .filter((code) => code !== '')
      .sort(),
  }));
}

/** Imports YAML text through the page's paste box and waits for the decision on it. */
export async function pasteRequest(page: Page, text: string): Promise<void> {
  const before = await page.evaluate(() => document.body.dataset.decided ?? '');
  await page.fill('#import-text', text);
  await page.click('#import-paste');
  await page.waitForFunction(
    (previous) =>
      (document.body.dataset.decided ?? '') !== previous || document.querySelector('.import-errors'),
    before,
  );
}
