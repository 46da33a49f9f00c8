/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The functions passed to the page run in the browser, with its DOM.
/**
 * The request builder in a real browser (Debian's Chromium): it loads without an error and makes no
 * request beyond its own files, a CALNET request on the cost ground is written by keyboard alone to
 * "ready for decision", the DWR example is imported and decided, a broken field shows its finding beside
 * it, bad YAML is refused at its line and column, the exported file is what the check decides the same
 * way, the GitHub links carry the right path, and axe-core finds nothing in any of these states.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compiledPolicyDir, repoRoot } from '../../scripts/core/paths.ts';
import type { Finding } from '../../scripts/render/findings.ts';
import { loadRequestText, pointerFrom } from '../../scripts/request/load.ts';
import { accessibilityViolations } from '../support/browser.ts';
import { runCli } from '../support/cli.ts';
import { EVALUATION_DATE } from '../support/policy.ts';
import { examples, scratchFolder } from '../support/requests.ts';
import {
  type OpenedPage,
  openBuilder,
  pasteRequest,
  type ServedSite,
  serveBuiltSite,
  shownDecision,
  TEST_SITE,
} from '../support/site.ts';

const DWR = join(examples, 'calnet', 'dwr-2026-sd-wan.yaml');
const SCREENSHOTS = join(repoRoot, 'docs', 'images');

/**
 * The main states are photographed for the README when UPDATE_SCREENSHOTS is set (`npm run docs:web`);
 * otherwise nothing is written.
 */
async function screenshot(page: Page, name: string, scrollTo?: string): Promise<void> {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  await page.setViewportSize({ width: 1280, height: 860 });
  if (scrollTo) await page.locator(scrollTo).scrollIntoViewIfNeeded();
  else await page.evaluate(() => window.scrollTo(0, 0));
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `request-builder-${name}.png`) });
}

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const violations = await accessibilityViolations(page);
  expect(violations, `axe-core in the state "${state}"`).toEqual([]);
}

/** The field id react-jsonschema-form gives a JSON Pointer's field. */
const fieldId = (pointer: string) => ['root', ...pointer.split('/').slice(1)].join('_');

/** Moves the keyboard focus to the element with `id` with Tab and Shift+Tab only. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let presses = 0; presses < 500; presses++) {
    const where = await page.evaluate((target) => {
      const element = document.getElementById(target);
      const active = document.activeElement;
      if (!element) return 'missing';
      if (active === element) return 'here';
      if (!active || active === document.body) return 'after';
      return active.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before';
    }, id);
    if (where === 'here') return;
    if (where === 'missing') throw new Error(`the page has no element #${id}`);
    await page.keyboard.press(where === 'after' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`#${id} could not be reached with Tab`);
}

/** Every value of a request with its JSON Pointer, in the order of the file. */
function leaves(value: unknown, at: (string | number)[] = []): { pointer: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...at, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...at, key]));
  return [{ pointer: pointerFrom(at), value }];
}

/** Types one value into its field, by keyboard only: text, a choice from a list, or a tick box. */
async function typeValue(page: Page, pointer: string, value: unknown): Promise<void> {
  const id = fieldId(pointer);
  // An item of a list is added with the list's Add button first.
  const item = /^(.*)\/(\d+)\//.exec(pointer);
  if (item && !(await page.$(`[id^="${fieldId(`${item[1]}/${item[2]}`)}_"]`))) {
    await tabTo(page, `${fieldId(item[1] as string)}__add`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[id^="${fieldId(`${item[1]}/${item[2]}`)}_"]`);
  }
  await tabTo(page, id);
  const kind = await page.$eval(`#${id}`, (e) => `${e.tagName}:${(e as HTMLInputElement).type}`);
  if (kind === 'SELECT:select-one') {
    for (let presses = 0; presses < 20; presses++) {
      const shown = await page.$eval(
        `#${id}`,
        (e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent,
      );
      if (shown === String(value)) return;
      await page.keyboard.press('ArrowDown');
    }
    throw new Error(`${pointer} has no choice ${String(value)}`);
  }
  if (kind === 'INPUT:checkbox') {
    // Ticked and unticked again says "false"; left alone says nothing.
    await page.keyboard.press('Space');
    if (value === false) await page.keyboard.press('Space');
    return;
  }
  const text = String(value).trim();
  if (text.length > 40) await page.keyboard.insertText(text);
  else await page.keyboard.type(text);
}

describe('the request builder in Chromium', () => {
  let site: ServedSite;
  let opened: OpenedPage;
  const scratch = scratchFolder('page-export');

  beforeAll(async () => {
    site = await serveBuiltSite();
    opened = await openBuilder(site);
    await opened.page.fill('#evaluation-date', EVALUATION_DATE);
  }, 240_000);

  afterAll(async () => {
    await site?.close();
    scratch.remove();
  });

  it('loads with no error, shows the policy digest and asks for nothing but its own files', async () => {
    const { page, errors, requests } = opened;
    const manifest = JSON.parse(readFileSync(join(compiledPolicyDir, 'manifest.json'), 'utf8')) as {
      digest: string;
    };
    expect(await page.textContent('#policy-digest')).toBe(manifest.digest);
    expect(errors).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url.startsWith(site.url), url).toBe(true);
    await expectNoViolations(page, 'empty request');
    // Whatever the keyboard reaches shows that it has the focus, with the page's own wide outline.
    for (const id of [
      'evaluation-date',
      'import-file',
      'import-paste',
      'root_id',
      'root_program',
      'root_services__add',
    ]) {
      await tabTo(page, id);
      const outline = await page.$eval(`#${id}`, (e) => {
        const style = getComputedStyle(e);
        return `${style.outlineStyle} ${style.outlineWidth}`;
      });
      expect(outline, `the focus on #${id}`).toBe('solid 3px');
    }
    await screenshot(page, 'empty');
  });

  it('writes a CALNET request on the cost ground by keyboard alone to ready for decision', async () => {
    const page = await site.browser.newPage();
    await page.goto(site.url);
    await page.waitForSelector('#decision-outcome');
    await page.fill('#evaluation-date', EVALUATION_DATE);
    const request = parse(readFileSync(DWR, 'utf8')) as Record<string, unknown>;
    expect(await page.$('#root_grounds_cost_ipr_ipr_document')).toBeNull();
    for (const { pointer, value } of leaves(request)) {
      if (pointer === '/format') continue; // the page starts with format 2
      await typeValue(page, pointer, value);
    }
    await page
      .waitForFunction(
        () =>
          document.querySelector('section.decision')?.getAttribute('data-outcome') === 'ready-for-decision',
        undefined,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    const shown = await shownDecision(page);
    expect(shown.outcome, (await page.textContent('#findings').catch(() => null)) ?? '').toBe(
      'ready-for-decision',
    );
    expect(await page.textContent('#approver')).toBeTruthy();
    await expectNoViolations(page, 'ready, written by keyboard');
    await page.close();
  }, 240_000);

  it('shows the cost ground only for a CALNET financial reason, and the officer approvals only for CGEN', async () => {
    const page = await site.browser.newPage();
    await page.goto(site.url);
    await page.waitForSelector('#decision-outcome');
    const shown = async () => ({
      costGround: (await page.$('#root_grounds_cost_ipr_ipr_document')) !== null,
      approvals: (await page.$('#root_approvals__add')) !== null,
    });
    expect(await shown()).toEqual({ costGround: false, approvals: false });
    await typeValue(page, '/program', 'calnet');
    await typeValue(page, '/reason/kind', 'technical');
    expect(await shown()).toEqual({ costGround: false, approvals: false });
    await typeValue(page, '/reason/kind', 'financial');
    expect(await shown()).toEqual({ costGround: true, approvals: false });
    await typeValue(page, '/program', 'cgen');
    expect(await shown()).toEqual({ costGround: false, approvals: true });
    await expectNoViolations(page, 'a CGEN request');
    await page.close();
  });

  it('imports the DWR example from a file and decides it ready; a broken field shows its finding beside it', async () => {
    const { page } = opened;
    await page.setInputFiles('#import-file', DWR);
    await page.waitForFunction(() =>
      document.querySelector('#import-result')?.textContent?.includes('Imported'),
    );
    expect((await shownDecision(page)).outcome).toBe('ready-for-decision');
    expect(await page.textContent('#request-path')).toBe('requests/calnet/dwr-2026-sd-wan.yaml');
    await expectNoViolations(page, 'the DWR example imported');
    await screenshot(page, 'ready');

    const field = '#root_grounds_cost_ipr_alternative_cost';
    await page.focus(field);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('150000');
    await page.waitForFunction(
      () => document.querySelector('section.decision')?.getAttribute('data-outcome') === 'ground-not-met',
    );
    const errors = await page.$$eval('#findings li[data-level="error"]', (items) =>
      items.map((li) => li.getAttribute('data-code')),
    );
    expect(errors).toEqual(['cost-savings-below-threshold']);
    const describedBy = (await page.getAttribute(field, 'aria-describedby')) ?? '';
    const beside = await page.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      describedBy.split(' '),
    );
    expect(beside).toContain('the alternative saves 6.25% against the comparable CALNET cost');
    await expectNoViolations(page, 'a finding beside its field');
    await screenshot(page, 'finding', field);
  });

  it('refuses bad YAML with the line and column of the problem and keeps the request', async () => {
    const { page } = opened;
    const bad = 'format: 2\nid: x\nprogram: calnet\n\tagency: DWR\n';
    await pasteRequest(page, bad);
    const problems = await page.$$eval('.import-errors li', (items) =>
      items.map((li) => li.textContent ?? ''),
    );
    const loaded = loadRequestText('pasted.yaml', bad);
    expect(loaded.errors.length).toBeGreaterThan(0);
    expect(problems).toEqual(loaded.errors.map((e) => `pasted.yaml:${e.line}:${e.column} ${e.message}`));
    expect(problems[0]).toMatch(/^pasted\.yaml:4:1 a tab is used to indent here/);
    expect(await page.textContent('#request-path')).toBe('requests/calnet/dwr-2026-sd-wan.yaml');
    await expectNoViolations(page, 'bad YAML refused');
    await screenshot(page, 'bad-yaml', '#import-heading');
  });

  it('exports the file the check decides the same way, and proposes it at its path on GitHub', async () => {
    const { page } = opened;
    await page.setInputFiles('#import-file', DWR);
    await page.waitForFunction(
      () => document.querySelector('section.decision')?.getAttribute('data-outcome') === 'ready-for-decision',
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    expect(download.suggestedFilename()).toBe('dwr-2026-sd-wan.yaml');
    const folder = join(scratch.dir, 'requests', 'calnet');
    mkdirSync(folder, { recursive: true });
    const exported = join(folder, 'dwr-2026-sd-wan.yaml');
    await download.saveAs(exported);
    cpSync(join(examples, 'calnet', 'dwr-2026-sd-wan'), join(folder, 'dwr-2026-sd-wan'), { recursive: true });
    const run = await runCli(['check', '--format', 'json', '--date', EVALUATION_DATE, exported], {
      cwd: scratch.dir,
    });
    const result = (
      JSON.parse(run.stdout) as { results: { decision: { outcome: string } | null; findings: Finding[] }[] }
    ).results[0];
    expect(result?.decision?.outcome).toBe('ready-for-decision');
    expect(await shownDecision(page)).toEqual({
      outcome: result?.decision?.outcome,
      codes: result?.findings.flatMap((f) => (f.code ? [f.code] : [])).sort(),
    });
    expect(parse(readFileSync(exported, 'utf8'))).toEqual(parse(readFileSync(DWR, 'utf8')));

    const propose = new URL((await page.getAttribute('#propose', 'href')) ?? '');
    expect(`${propose.origin}${propose.pathname}`).toBe(
      `https://github.com/${TEST_SITE.repository}/new/${TEST_SITE.branch}`,
    );
    expect(propose.searchParams.get('filename')).toBe('requests/calnet/dwr-2026-sd-wan.yaml');
    expect(propose.searchParams.get('value')).toBe(readFileSync(exported, 'utf8'));
    expect(await page.getAttribute('#upload', 'href')).toBe(
      `https://github.com/${TEST_SITE.repository}/upload/${TEST_SITE.branch}/requests/calnet/dwr-2026-sd-wan`,
    );
    await page.click('#yaml-heading');
    expect(await page.textContent('#yaml')).toBe(readFileSync(exported, 'utf8'));
    await expectNoViolations(page, 'exported, with the YAML shown');
  });

  it('decides offline once loaded', async () => {
    const { page, errors } = opened;
    await page.context().setOffline(true);
    await pasteRequest(page, readFileSync(join(examples, 'cgen', 'chp-2026-remote-sites.yaml'), 'utf8'));
    expect((await shownDecision(page)).outcome).toBe('ready-for-decision');
    expect(await page.textContent('#request-path')).toBe('requests/cgen/chp-2026-remote-sites.yaml');
    await expectNoViolations(page, 'a CGEN request decided offline');
    await page.context().setOffline(false);
    expect(errors).toEqual([]);
  });

  it('says so and decides nothing when its policy cannot be loaded', async () => {
    const page = await site.browser.newPage();
    await page.route('**/policy/policy.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(site.url);
    await page.waitForFunction(() => document.getElementById('app')?.textContent?.includes('could not load'));
    expect(await page.textContent('#app')).toBe(
      'The page could not load the policy: the page could not load its own file policy/policy.wasm (404)',
    );
    expect(await page.$('#decision-outcome')).toBeNull();
    await page.close();
  });
});
