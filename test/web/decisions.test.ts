/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The functions passed to the page run in the browser, with its DOM.
/**
 * The page decides as the check does: every example and every test request is imported into the page in
 * Chromium and checked by `exemptions check` as the file the page would write (in its place in
 * requests/<program>/, its supporting documents uploaded beside it), and the two give the same outcome
 * and the same codes. A file the loader refuses is refused by the page with the same located problems.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import { FILE_OUTCOMES } from '../../scripts/policy/outcomes.ts';
import type { Finding } from '../../scripts/render/findings.ts';
import { loadRequestFile } from '../../scripts/request/load.ts';
import { documentPathProblem, documentReferences } from '../../scripts/request/location.ts';
import { requestPlace } from '../../web/src/request-path.ts';
import { runCli } from '../support/cli.ts';
import { EVALUATION_DATE } from '../support/policy.ts';
import { examples, scratchFolder, yamlFiles } from '../support/requests.ts';
import {
  type OpenedPage,
  openBuilder,
  pasteRequest,
  type ServedSite,
  serveBuiltSite,
  shownDecision,
} from '../support/site.ts';

const requestFiles = [...yamlFiles(examples), ...yamlFiles(join(repoRoot, 'test/support/fixtures'))];

interface CheckedByCli {
  outcome: string;
  codes: string[];
  errors: { line: number; column: number; message: string }[];
}

/** `exemptions check --format json` on each file as the page would write it, in one run. */
async function checkAsThePageWrites(files: string[], root: string): Promise<Map<string, CheckedByCli>> {
  const placed = new Map<string, string>();
  files.forEach((file, i) => {
    const loaded = loadRequestFile(file);
    if (loaded.errors.length > 0) {
      placed.set(file, file);
      return;
    }
    const place = requestPlace(loaded.request);
    const target = join(root, String(i), place.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, readFileSync(file));
    // The documents uploaded beside it, which the page cannot see.
    for (const { path } of documentReferences(loaded.request)) {
      if (path === '' || documentPathProblem(path)) continue;
      const document = join(root, String(i), place.documents, path);
      mkdirSync(dirname(document), { recursive: true });
      writeFileSync(document, 'supporting document\n');
    }
    placed.set(file, target);
  });
  const run = await runCli(['check', '--format', 'json', '--date', EVALUATION_DATE, ...placed.values()], {
    cwd: root,
  });
  expect(run.stderr).toBe('');
  const document = JSON.parse(run.stdout) as {
    results: {
      decision: { outcome: string } | null;
      errors: CheckedByCli['errors'];
      findings: Finding[];
    }[];
  };
  const checked = new Map<string, CheckedByCli>();
  [...placed.keys()].forEach((file, i) => {
    const result = document.results[i];
    if (!result) throw new Error(`check gave no result for ${file}`);
    checked.set(file, {
      outcome: result.decision?.outcome ?? 'invalid',
      codes: result.findings.flatMap((f) => (f.code ? [f.code] : [])).sort(),
      errors: result.errors.map(({ line, column, message }) => ({ line, column, message })),
    });
  });
  return checked;
}

describe('the page and the check decide alike', () => {
  let site: ServedSite;
  let opened: OpenedPage;
  let byCli: Map<string, CheckedByCli>;
  const scratch = scratchFolder('page-decisions');

  beforeAll(async () => {
    site = await serveBuiltSite();
    opened = await openBuilder(site);
    await opened.page.fill('#evaluation-date', EVALUATION_DATE);
    byCli = await checkAsThePageWrites(requestFiles, scratch.dir);
  }, 240_000);

  afterAll(async () => {
    await site?.close();
    scratch.remove();
  });

  it('has the examples and the test requests to compare', () => {
    expect(requestFiles.filter((f) => f.startsWith(examples)).length).toBeGreaterThanOrEqual(8);
    expect(requestFiles.length).toBeGreaterThan(50);
    // Every outcome is among them, and findings with codes, so the comparison below can tell them apart.
    expect(new Set([...byCli.values()].map((c) => c.outcome))).toEqual(new Set(FILE_OUTCOMES));
    expect([...byCli.values()].filter((c) => c.codes.length > 0).length).toBeGreaterThan(20);
  });

  it.each(requestFiles.map((file) => [relative(repoRoot, file), file]))('%s', async (_name, file) => {
    const cli = byCli.get(file);
    if (!cli) throw new Error(`no check result for ${file}`);
    const text = readFileSync(file, 'utf8');
    await pasteRequest(opened.page, text);
    const refused = await opened.page.$$eval('.import-errors li', (items) =>
      items.map((li) => li.textContent),
    );
    if (loadRequestFile(file).errors.length > 0) {
      // Refused by both, with the same problems at the same places.
      expect(cli.outcome).toBe('invalid');
      expect(refused).toEqual(cli.errors.map((e) => `pasted.yaml:${e.line}:${e.column} ${e.message}`));
      return;
    }
    expect(refused).toEqual([]);
    expect(await shownDecision(opened.page)).toEqual({ outcome: cli.outcome, codes: cli.codes });
    expect(opened.errors).toEqual([]);
  });
});
