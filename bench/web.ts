/**
 * `npm run bench:web [-- --edits N]`: what the request builder costs a user, measured in Chromium. The
 * transfer size of the built site (every file, and gzip'd as a server sends it) and the time from an edit
 * to the decision on screen: the DWR example is imported, then one field is edited N times by keyboard,
 * and the page's own performance measures (`edit` marked when the browser delivers the input event,
 * before the form sees it; `edit-to-decision` measured once the decision has been rendered) are read back. Prints the figures;
 * nothing is asserted (the machine is shared).
 */
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { examplesRoot } from '../scripts/core/paths.ts';
import { openBuilder, pasteRequest, serveBuiltSite } from '../test/support/site.ts';

const { values } = parseArgs({ options: { edits: { type: 'string', default: '100' } } });
const edits = Number(values.edits);
if (!Number.isInteger(edits) || edits < 1) throw new Error('--edits needs a whole number of edits');

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

const site = await serveBuiltSite();
try {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const total = site.files.reduce((sum, f) => sum + f.bytes, 0);
  const gzipped = site.files.reduce((sum, f) => sum + f.gzipBytes, 0);
  console.log('Transfer size of the built site');
  for (const f of site.files)
    console.log(
      `  ${f.path.padEnd(22)} ${kib(f.bytes).padStart(11)} ${kib(f.gzipBytes).padStart(11)} gzip'd`,
    );
  console.log(`  ${'total'.padEnd(22)} ${kib(total).padStart(11)} ${kib(gzipped).padStart(11)} gzip'd`);

  const { page } = await openBuilder(site);
  await page.fill('#evaluation-date', '2026-11-22');
  await pasteRequest(page, readFileSync(join(examplesRoot, 'calnet', 'dwr-2026-sd-wan.yaml'), 'utf8'));
  await page.evaluate(() => performance.clearMeasures('edit-to-decision'));
  await page.focus('#root_project_name');
  await page.keyboard.press('End');
  for (let i = 0; i < edits; i++) {
    const before = await page.evaluate(() => document.body.dataset.decided);
    // Type a letter, then take it back: the request stays the DWR example between edits.
    await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
    await page.waitForFunction((previous) => document.body.dataset.decided !== previous, before);
  }
  const times = (
    await page.evaluate(() => performance.getEntriesByName('edit-to-decision').map((e) => e.duration))
  ).sort((a, b) => a - b);
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`\nFrom an edit to the updated decision (${times.length} edits of the DWR example, Chromium)`);
  console.log(
    `  median ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))}, max ${ms(times.at(-1) ?? Number.NaN)}`,
  );
} finally {
  await site.close();
}
