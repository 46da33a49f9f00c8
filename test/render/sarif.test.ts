/**
 * The SARIF log of an evaluation run: valid against the official SARIF 2.1.0 schema for every example
 * and for fixtures with format errors and policy findings, each finding under its rule at its line with
 * its level, fingerprints that survive moved lines, and user text that cannot act in an alert.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import type { Decision } from '../../scripts/policy/decision.ts';
import { sarifText } from '../../scripts/render/escape.ts';
import { findingsOf } from '../../scripts/render/findings.ts';
import { codeAnchor, POLICY_REFERENCE_PAGE } from '../../scripts/render/reference.ts';
import { FORMAT_RULE, reportSarif, type SarifOptions } from '../../scripts/render/sarif.ts';
import { type EvaluationReport, evaluateFiles, type FileResult } from '../../scripts/run/pipeline.ts';
import { runCli } from '../support/cli.ts';
import { HOSTILE_PROBES } from '../support/evaluations.ts';
import { EVALUATION_DATE, fixtureFile, policy } from '../support/policy.ts';
import { copyExample, examples, fixtures, scratchFolder } from '../support/requests.ts';
import {
  expectSarifInert,
  parseSarif,
  SARIF_SCHEMA_SHA256,
  sarifErrors,
  sarifSchemaDigest,
} from '../support/sarif.ts';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** A report over request files, their names relative to `cwd` as a run names them. */
async function evaluated(files: string[], cwd: string = repoRoot): Promise<EvaluationReport> {
  return evaluateFiles(files, await policy(), EVALUATION_DATE, cwd);
}

/** The log of a report, held to the schema before any test reads it. */
function sarifOf(report: EvaluationReport, options: SarifOptions = {}): Log {
  const log = parseSarif(reportSarif(report, options));
  expect(sarifErrors(log), 'valid against the SARIF 2.1.0 schema').toEqual([]);
  return log;
}

function resultsOf(log: Log): Result[] {
  return log.runs[0]?.results ?? [];
}

function rulesOf(log: Log): ReportingDescriptor[] {
  return log.runs[0]?.tool.driver.rules ?? [];
}

function lineOf(result: Result | undefined): number | undefined {
  return result?.locations?.[0]?.physicalLocation?.region?.startLine;
}

function uriOf(result: Result | undefined): string | undefined {
  return result?.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
}

/** The 1-based line of the first line of `file` that starts (after indentation) with `start`. */
function lineStarting(file: string, start: string): number {
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((line) => line.trimStart().startsWith(start));
  expect(index, `${file} has a line starting with ${start}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** A result of one file, written by hand so a test can choose its messages and name. */
function fileResult(file: string, overrides: Partial<FileResult> = {}): FileResult {
  return { file, id: null, valid: false, errors: [], decision: null, positions: {}, ...overrides };
}

function reportOf(results: FileResult[]): EvaluationReport {
  return { policy: { digest: DIGEST }, evaluationDate: '2026-11-22', results };
}

const exampleFiles = readdirSync(examples, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.yaml'))
  .sort();

describe('the SARIF schema the tests validate against', () => {
  it('is the vendored official file, unchanged', () => {
    expect(sarifSchemaDigest()).toBe(SARIF_SCHEMA_SHA256);
    expect(readFileSync(join(repoRoot, 'test/support/fixtures/sarif/README.md'), 'utf8')).toContain(
      SARIF_SCHEMA_SHA256,
    );
  });

  it('rejects what is not SARIF, so that a pass means something', () => {
    const log = parseSarif(reportSarif(reportOf([fileResult('requests/calnet/x.yaml')])));
    expect(sarifErrors(log)).toEqual([]);
    expect(sarifErrors({ ...log, version: '2.0.0' })).not.toEqual([]);
    const run = log.runs[0];
    const broken = { ...run, results: [{ ruleId: 'x', level: 'fatal', message: {} }] };
    expect(sarifErrors({ ...log, runs: [broken] }).length).toBeGreaterThan(0);
  });
});

describe('the SARIF log of a run', () => {
  it('is valid for a run with nothing to report: one run, no results, no rules', () => {
    const log = sarifOf(reportOf([]));
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    expect(resultsOf(log)).toEqual([]);
    expect(rulesOf(log)).toEqual([]);
  });

  it.each(
    exampleFiles,
  )('is valid for the example %s, with one result per finding under a listed rule', async (name) => {
    const report = await evaluated([join(examples, name)]);
    const log = sarifOf(report);
    const findings = report.results.flatMap(findingsOf);
    const results = resultsOf(log);
    expect(results.map((r) => [r.ruleId, r.level, lineOf(r)])).toEqual(
      findings.map((f) => [f.code ?? FORMAT_RULE, f.level, f.line]),
    );
    const ids = rulesOf(log).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(results.map((r) => r.ruleId))).toEqual(new Set(ids));
  });

  it('is valid for every example at once, with the tool, the policy digest and the date on the run', async () => {
    const report = await evaluated(exampleFiles.map((name) => join(examples, name)));
    const log = sarifOf(report);
    const run = log.runs[0];
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(run?.tool.driver.name).toBe('exemptions');
    expect(run?.tool.driver.version).toBe(version);
    expect(run?.properties).toEqual({ policyDigest: report.policy.digest, evaluationDate: EVALUATION_DATE });
    expect(run?.automationDetails?.id).toBe('exemptions/');
    expect(uriOf(resultsOf(log)[0])).toMatch(/^examples\/requests\/(calnet|cgen)\/[a-z0-9-]+\.yaml$/);
  });

  it('puts each format error at its line under request-format, beside the provisional policy findings', async () => {
    const file = join(fixtures, 'calnet', 'wrong-types.yaml');
    const results = resultsOf(sarifOf(await evaluated([file])));
    const format = results.filter((r) => r.ruleId === FORMAT_RULE);
    expect(format.length).toBeGreaterThanOrEqual(5);
    expect(format.every((r) => r.level === 'error')).toBe(true);
    expect(lineOf(format.find((r) => r.message.text?.includes('quantity')))).toBe(
      lineStarting(file, 'quantity:'),
    );
    expect(lineOf(format.find((r) => r.message.text?.includes('length_months')))).toBe(
      lineStarting(file, 'length_months:'),
    );
    // The policy's provisional findings on the well-formed parts come under their own codes.
    expect(results.some((r) => r.ruleId !== FORMAT_RULE && r.level === 'error')).toBe(true);
  });

  it('is valid for a file that could not be loaded at all', async () => {
    const results = resultsOf(sarifOf(await evaluated([join(fixtures, 'hostile', 'billion-laughs.yaml')])));
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.ruleId === FORMAT_RULE && r.level === 'error')).toBe(true);
  });

  it('puts a policy finding at the field it names, with its clause, and the notes as notes', async () => {
    const file = fixtureFile('calnet', 'cost-total-mismatch');
    const log = sarifOf(await evaluated([file]));
    const results = resultsOf(log);
    const mismatch = results.find((r) => r.ruleId === 'cost-total-mismatch');
    expect(mismatch?.level).toBe('error');
    expect(lineOf(mismatch)).toBe(lineStarting(file, 'total:'));
    expect(mismatch?.message.text).toMatch(/\(CALNET MSA policy, Procedures, fourth item/);
    expect(mismatch?.properties).toMatchObject({ source: 'policy', path: '/cost/total' });
    expect(mismatch?.properties?.citation).toMatch(/^CALNET MSA policy, Procedures/);
    const notes = results.filter((r) => r.level === 'note');
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((r) => lineOf(r) === 1)).toBe(true);
    const rule = rulesOf(log).find((r) => r.id === notes[0]?.ruleId);
    expect(rule?.defaultConfiguration?.level).toBe('note');
    expect(rulesOf(log).find((r) => r.id === 'cost-total-mismatch')?.defaultConfiguration?.level).toBe(
      'error',
    );
  });

  it("gives an ATO-bound request's findings as warnings", async () => {
    const results = resultsOf(sarifOf(await evaluated([fixtureFile('calnet', 'local-ato-bound')])));
    const findings = results.filter((r) => r.level !== 'note');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((r) => r.level === 'warning')).toBe(true);
  });
});

describe('the SARIF rules', () => {
  it("link each code to its row of the policy reference when the repository is known, at the ref's commit", async () => {
    const report = await evaluated([
      join(fixtures, 'calnet', 'wrong-types.yaml'),
      fixtureFile('calnet', 'cost-total-mismatch'),
    ]);
    const sha = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807';
    const log = sarifOf(report, { repositoryUrl: 'https://github.com/ca-cdt/telecom-exemptions/', ref: sha });
    const base = `https://github.com/ca-cdt/telecom-exemptions/blob/${sha}`;
    const rules = rulesOf(log);
    expect(log.runs[0]?.tool.driver.informationUri).toBe('https://github.com/ca-cdt/telecom-exemptions');
    expect(rules.find((r) => r.id === 'cost-total-mismatch')?.helpUri).toBe(
      `${base}/docs/policy-reference.md#deficiency-cost-total-mismatch`,
    );
    expect(rules.find((r) => r.id === FORMAT_RULE)?.helpUri).toBe(`${base}/docs/request-format.md`);
    const note = resultsOf(log).find((r) => r.level === 'note');
    expect(rules.find((r) => r.id === note?.ruleId)?.helpUri).toBe(
      `${base}/docs/policy-reference.md#note-${note?.ruleId}`,
    );
  });

  it('name the page and anchor in their help text without a repository, since SARIF wants absolute links', async () => {
    const log = sarifOf(await evaluated([fixtureFile('calnet', 'cost-total-mismatch')]));
    const rule = rulesOf(log).find((r) => r.id === 'cost-total-mismatch');
    expect(rule?.helpUri).toBeUndefined();
    expect(log.runs[0]?.tool.driver.informationUri).toBeUndefined();
    expect(rule?.help?.text).toContain('docs/policy-reference.md#deficiency-cost-total-mismatch');
  });

  it('link to anchors the policy reference has: one for every deficiency and note code', () => {
    const page = readFileSync(join(repoRoot, POLICY_REFERENCE_PAGE), 'utf8');
    const catalog = JSON.parse(
      readFileSync(join(repoRoot, 'policies/exemptions/catalog/citations.json'), 'utf8'),
    ) as { citations: Record<'deficiency' | 'note', Record<string, unknown>> };
    for (const kind of ['deficiency', 'note'] as const) {
      const codes = Object.keys(catalog.citations[kind]);
      expect(codes.length).toBeGreaterThan(0);
      for (const code of codes) {
        const anchor = `<a name="${codeAnchor(kind, code)}"></a>`;
        expect(page.split(anchor).length - 1, anchor).toBe(1);
      }
    }
  });
});

describe('the SARIF locations and fingerprints', () => {
  it('keep the fingerprint of a finding when it moves to another line, and tell two fields apart', async () => {
    const { dir, remove } = scratchFolder('sarif-move');
    try {
      const file = copyExample(dir, 'calnet', 'dwr-2026-sd-wan');
      const text = readFileSync(file, 'utf8')
        .replace('total: 120000.00', 'total: 130000.00')
        .replace('quantity: 6', 'quantity: six');
      writeFileSync(file, text);
      const before = resultsOf(sarifOf(await evaluated([file], dir))).filter((r) => r.level !== 'note');
      writeFileSync(file, `# a comment that moves every line down\n${text}`);
      const after = resultsOf(sarifOf(await evaluated([file], dir))).filter((r) => r.level !== 'note');
      expect(after.map((r) => r.ruleId)).toEqual([FORMAT_RULE, 'cost-total-mismatch']);
      expect(after.map(lineOf)).toEqual(before.map((r) => (lineOf(r) ?? 0) + 1));
      expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
      const hashes = after.map((r) => r.partialFingerprints?.primaryLocationLineHash);
      expect(new Set(hashes).size).toBe(hashes.length);
      expect(uriOf(after[0])).toBe('requests/calnet/dwr-2026-sd-wan.yaml');
    } finally {
      remove();
    }
  });

  it('give two format errors on one field two fingerprints', () => {
    const errors = ['first', 'second'].map((message) => ({
      file: 'requests/calnet/x.yaml',
      line: 3,
      column: 1,
      path: '/need',
      message,
    }));
    const results = resultsOf(sarifOf(reportOf([fileResult('requests/calnet/x.yaml', { errors })])));
    const hashes = results.map((r) => r.partialFingerprints?.primaryLocationLineHash);
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).not.toBe(hashes[1]);
  });

  it('are relative to the repository root when the run is in a subfolder, and absolute outside it', async () => {
    const { dir, remove } = scratchFolder('sarif-root');
    try {
      const file = copyExample(dir, 'calnet', 'dwr-2026-sd-wan');
      writeFileSync(file, readFileSync(file, 'utf8').replace('total: 120000.00', 'total: 130000.00'));
      const cwd = join(dir, 'requests');
      const report = await evaluated([file], cwd);
      expect(report.results[0]?.file).toBe(join('calnet', 'dwr-2026-sd-wan.yaml'));
      const inside = resultsOf(sarifOf(report, { paths: { cwd, root: dir } }))[0];
      expect(inside?.locations?.[0]?.physicalLocation?.artifactLocation).toEqual({
        uri: 'requests/calnet/dwr-2026-sd-wan.yaml',
        uriBaseId: '%SRCROOT%',
      });
      const outside = resultsOf(sarifOf(report, { paths: { cwd, root: join(dir, 'elsewhere') } }))[0];
      expect(outside?.locations?.[0]?.physicalLocation?.artifactLocation).toEqual({
        uri: `file://${file}`,
      });
    } finally {
      remove();
    }
  });

  it('percent-encode a file name, so that # and % are part of the path', () => {
    const errors = [{ file: 'requests/calnet/a #1 %20.yaml', line: 1, column: 1, path: '', message: 'x' }];
    const results = resultsOf(sarifOf(reportOf([fileResult('requests/calnet/a #1 %20.yaml', { errors })])));
    expect(uriOf(results[0])).toBe('requests/calnet/a%20%231%20%2520.yaml');
  });
});

describe('user text in the SARIF log', () => {
  /** A decision whose deficiencies, note and citations are the hostile probes. */
  function hostileDecision(): Decision {
    return {
      outcome: 'incomplete',
      program: 'calnet',
      reasons: [],
      grounds: [],
      deficiencies: HOSTILE_PROBES.map((probe, i) => ({
        code: 'attachment-missing',
        path: `/attachments/${i}/file`,
        message: probe,
        citation: probe,
      })),
      notes: [{ code: 'central-file', message: HOSTILE_PROBES[0] ?? '', citation: HOSTILE_PROBES[1] ?? '' }],
      approver: null,
      citations: [],
    };
  }

  it('cannot link, mention, reference, break a line or hide in any message', () => {
    const file = 'requests/calnet/chp-2026-hostile.yaml';
    const errors = HOSTILE_PROBES.map((probe, i) => ({
      file,
      line: i + 1,
      column: 1,
      path: `/k${i}`,
      message: probe,
    }));
    const log = sarifOf(
      reportOf([
        fileResult(file, { errors }),
        fileResult(file, { valid: true, decision: hostileDecision() }),
      ]),
    );
    const texts = resultsOf(log).map((r) => r.message.text ?? '');
    expect(texts.length).toBe(HOSTILE_PROBES.length * 2 + 1);
    for (const text of texts) expectSarifInert(text);
  });

  it('is cut when very long, at a character', () => {
    expect(sarifText('x'.repeat(3000))).toHaveLength(2000);
    expect(sarifText('x'.repeat(3000)).endsWith('…')).toBe(true);
    // A cut never leaves half of a surrogate pair (an emoji here) behind.
    const cut = sarifText(`${'x'.repeat(1998)}😀😀`);
    expect(cut).toBe(`${'x'.repeat(1998)}…`);
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });
});

describe('the SARIF escaper', () => {
  it('makes brackets and backslashes literal, so text a user wrote is never an embedded link', () => {
    expect(sarifText('see [here](1) \\ end')).toBe('see \\[here\\](1) \\\\ end');
    expect(sarifText('[click](https://evil.example/phish)')).toBe(
      '\\[click\\](https:\u200b//evil.example/phish)',
    );
  });

  it('shows control characters and bidi overrides as escapes', () => {
    expect(sarifText('a\u001b[31mred\u202e\nnext')).toBe('a\\\\u001b\\[31mred\\\\u202e\\\\u000anext');
    // A zero-width space the author wrote shows too, so only the escaper's own breaks are invisible.
    expect(sarifText('@\u200bx')).toBe('@\u200b\\\\u200bx');
  });

  it('breaks mentions, references and autolinks with a zero-width space', () => {
    expect(sarifText('ping @octocat and @org/team')).toBe('ping @\u200boctocat and @\u200borg/team');
    expect(sarifText('closes #12 and GH-3')).toBe('closes #\u200b12 and GH-\u200b3');
    expect(sarifText('www.evil.example and mailto:x@y')).toBe('www\u200b.evil.example and mailto:x@\u200by');
  });

  it('leaves plain text as it is', () => {
    const plain =
      'The total ($130,000.00) is not the sum of the items ($120,000.00) (CALNET MSA policy, Procedures).';
    expect(sarifText(plain)).toBe(plain);
  });
});

describe('check --format sarif', () => {
  it('writes a log the schema accepts, with rule links in a workflow', async () => {
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'ca-cdt/telecom-exemptions' };
    const run = await runCli(
      [
        'check',
        '--format',
        'sarif',
        '--date',
        EVALUATION_DATE,
        join(examples, 'calnet', 'sac-county-2026-voice-local.yaml'),
      ],
      { env },
    );
    const log = parseSarif(run.stdout);
    expect(sarifErrors(log)).toEqual([]);
    const rule = rulesOf(log).find((r) => r.defaultConfiguration?.level === 'error');
    expect(rule?.helpUri).toBe(
      `https://github.com/ca-cdt/telecom-exemptions/blob/main/docs/policy-reference.md#deficiency-${rule?.id}`,
    );
  });
});
