/**
 * Every hostile string, placed in request files where a user can put it (a duplicate key, an unknown
 * key, a value), sent through each channel that echoes it: the terminal (`validate`, `evaluate`), GitHub
 * Markdown (`evaluate --format markdown`, the job summary, the pull-request comment, the audit register
 * and the audit issue), workflow command lines (`pr-evaluate` annotations, `audit --verify` in the audit
 * workflow), a spreadsheet (the CSV register) and a code-scanning alert (the SARIF log). In none of them may user text act: no line of its own,
 * no escape a terminal obeys, no mention, reference, link, SHA or HTML GitHub renders, no formula.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../scripts/audit/audit.ts';
import { renderIssueBody } from '../../scripts/audit/render.ts';
import { readArtifact } from '../../scripts/pull-request/artifact.ts';
import { renderComment } from '../../scripts/pull-request/comment.ts';
import { impactMarkdown, impactText } from '../../scripts/render/impact.ts';
import { reportSarif } from '../../scripts/render/sarif.ts';
import type { Impact } from '../../scripts/run/impact.ts';
import { evaluateFiles } from '../../scripts/run/pipeline.ts';
import { ADMIN, AGENCY, ALICE, foundationFiles } from '../audit/scenario.ts';
import { runCli } from '../support/cli.ts';
import { csvRecords } from '../support/csv.ts';
import { HOSTILE_PROBES } from '../support/evaluations.ts';
import { EVALUATION_DATE, policy } from '../support/policy.ts';
import { Repository, requestText } from '../support/repository.ts';
import { expectSarifInert, parseSarif, sarifErrors } from '../support/sarif.ts';

/** A YAML double-quoted scalar holding exactly `text` (JSON strings are YAML). */
const quoted = (text: string) => JSON.stringify(text);

function probeFile(i: number, probe: string): string {
  const id = `dgs-2026-probe-${i}`;
  const base = requestText(id).replace(/^need: .*$/m, `need: ${quoted(probe)}`);
  return `${base}${quoted(`dup ${probe}`)}: 1\n${quoted(`dup ${probe}`)}: 2\n${quoted(probe)}: 3\n`;
}

/** No control character but the newline, no bidi control, no line a workflow runner would read as a command. */
function expectTerminalSafe(output: string, allowedCommands: RegExp | null = null): void {
  const raw = [...output].filter((c) => {
    const code = c.codePointAt(0) ?? 0;
    return (
      (code < 0x20 && code !== 0x0a) ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069)
    );
  });
  expect(raw).toEqual([]);
  for (const line of output.split('\n')) {
    if (line.startsWith('::')) expect(allowedCommands?.test(line) ?? false, line).toBe(true);
  }
}

/**
 * GitHub renders nothing a user wrote: outside the product's own code spans (and `own`, the product's
 * own references, such as the register linking a merge to its pull request), no HTML, mention, reference
 * or SHA.
 */
function expectMarkdownInert(markdown: string, own?: RegExp): void {
  for (const character of ['\r', '\u001b', '\u202e']) expect(markdown.includes(character)).toBe(false);
  const prose = markdown.replace(/`[^`\n]*`/g, '').replace(own ?? /$^/, '');
  // The product's own markup is its hidden markers, the footer's <sub> and the collapsed details; any
  // other < came from a user.
  expect(prose).not.toMatch(/<(?!!-- exemptions-|\/?sub>|\/?details>|summary>|\/summary>)/);
  expect(prose).not.toMatch(/@[A-Za-z0-9]/);
  expect(prose).not.toMatch(/(^|[^&])#\d/);
  expect(prose).not.toMatch(/\b[0-9a-f]{7,}\b/i);
  expect(prose).not.toMatch(/https?:\/\/|www\./);
}

describe('hostile text through every channel that echoes it', () => {
  const repo = new Repository();
  const files = HOSTILE_PROBES.map((_, i) => `requests/calnet/dgs-2026-probe-${i}.yaml`);
  beforeAll(() => {
    repo.put('README.md', 'x\n').commit('base');
    repo.git(['checkout', '--quiet', '-b', 'probes']);
    repo.write(Object.fromEntries(HOSTILE_PROBES.map((probe, i) => [files[i] ?? '', probeFile(i, probe)])));
    repo.commit('probes');
  });
  afterAll(() => repo.dispose());

  it('validate prints every problem on its own line, escaped for the terminal', async () => {
    const run = await runCli(['validate', ...files], { cwd: repo.dir });
    expect(run.status).toBe(1);
    for (const file of files) expect(run.stdout).toContain(`${file}:`);
    expectTerminalSafe(run.stdout);
    expectTerminalSafe(run.stderr);
  });

  it('evaluate prints text escaped for the terminal', async () => {
    const run = await runCli(['evaluate', ...files, '--date', '2026-11-22'], { cwd: repo.dir });
    expect(run.status).toBe(1);
    expectTerminalSafe(run.stdout);
    expectTerminalSafe(run.stderr);
  });

  it('evaluate --format markdown leaves nothing for GitHub to render', async () => {
    const run = await runCli(['evaluate', ...files, '--format', 'markdown', '--date', '2026-11-22'], {
      cwd: repo.dir,
    });
    expect(run.status).toBe(1);
    for (const file of files) expect(run.stdout).toContain(file);
    expectMarkdownInert(run.stdout);
  });

  it('the SARIF log is valid and no message in it links, mentions or breaks a line', async () => {
    const paths = files.map((file) => join(repo.dir, file));
    const log = parseSarif(reportSarif(evaluateFiles(paths, await policy(), EVALUATION_DATE, repo.dir)));
    expect(sarifErrors(log)).toEqual([]);
    const results = log.runs[0]?.results ?? [];
    expect(results.length).toBeGreaterThanOrEqual(HOSTILE_PROBES.length);
    for (const result of results) expectSarifInert(result.message.text ?? '');
  });

  it('pr-evaluate prints only its own workflow commands, one per line', async () => {
    const artifact = `${repo.dir}/.evaluation.json`;
    const summary = `${repo.dir}/.summary.md`;
    const run = await runCli(
      [
        'pr-evaluate',
        '--base',
        'main',
        '--head',
        'probes',
        '--pr',
        '1',
        '--artifact',
        artifact,
        '--summary',
        summary,
        '--date',
        '2026-11-22',
      ],
      { cwd: repo.dir },
    );
    expect(run.status).toBe(1);
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations.length).toBeGreaterThanOrEqual(HOSTILE_PROBES.length);
    expectTerminalSafe(
      run.stdout,
      /^::(error|warning|notice) file=requests\/calnet\/dgs-2026-probe-\d+\.yaml,/,
    );
    // A forged command inside a message stays inside it: the runner reads commands only at a line's start.
    expect(annotations.some((line) => line.includes('%0D%0A::add-mask::'))).toBe(true);

    // The job summary and the pull-request comment render the same evaluation as GitHub Markdown.
    const jobSummary = readFileSync(summary, 'utf8');
    for (const file of files) expect(jobSummary).toContain(file);
    expectMarkdownInert(jobSummary);
    const comment = renderComment(readArtifact(artifact, repo.git(['rev-parse', 'probes'])), {
      target: 'comment',
    });
    for (const file of files) expect(comment).toContain(file);
    expectMarkdownInert(comment);
  });
});

describe('hostile text through the audit', () => {
  const repo = new Repository();
  const probes = Object.fromEntries(
    HOSTILE_PROBES.map((probe, i) => [`requests/calnet/dgs-2026-probe-${i}.yaml`, probeFile(i, probe)]),
  );
  const audit = (args: string[]) => runCli(['audit', '--as-of', '2026-12-01', ...args], { cwd: repo.dir });
  beforeAll(() => {
    repo.commit('Start the repository', foundationFiles(), ADMIN);
    repo.mergePullRequest(1, 'probes', probes, AGENCY, ALICE);
    // Pushed straight to the branch: a request whose file name carries a line break and a forged command.
    repo.commit('direct push', { 'requests/calnet/x\n::error::forged.yaml': 'format: 1\n' }, AGENCY);
  });
  afterAll(() => repo.dispose());

  it('audit --verify prints every violation on a line of its own, escaped for the terminal and the runner', async () => {
    const run = await audit(['--verify', '--format', 'json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('direct-push');
    expectTerminalSafe(run.stderr);
  });

  it('the Markdown register and the audit issue leave nothing for GitHub to render', async () => {
    const run = await audit(['--format', 'markdown']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('dgs-2026-probe-0');
    // The merge column links each merge to its pull request, a number read from git, never user text.
    const mergeReference = /\| #\d+ (?=merge|squash|rebase)/g;
    expectMarkdownInert(run.stdout, mergeReference);
    // The audit workflow prints the register to its log too: no line there may read as a command.
    expectTerminalSafe(run.stdout);
    const result = JSON.parse((await audit(['--format', 'json'])).stdout) as AuditResult;
    expect(result.violations.length).toBeGreaterThan(0);
    expectMarkdownInert(renderIssueBody(result), mergeReference);
  });

  it('the CSV register keeps every hostile cell text: one record per row, no formula', async () => {
    const run = await audit(['--format', 'csv']);
    const result = JSON.parse((await audit(['--format', 'json'])).stdout) as AuditResult;
    const records = csvRecords(run.stdout);
    expect(records).toHaveLength(result.rows.length + 1);
    for (const cell of records.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expectTerminalSafe(run.stdout.replaceAll('\r\n', '\n'));
    for (const character of ['\u001b', '\u0007', '\u202e'])
      expect(run.stdout.includes(character)).toBe(false);
  });
});

describe('hostile text through the impact of a rule change', () => {
  const sha = '9fceb02d0ae598e95dc970b74767f19372d61af8';
  const digest = `sha256:${'ab'.repeat(32)}`;
  const impact: Impact = {
    base: { ref: HOSTILE_PROBES[0] ?? '', commit: sha, policyDigest: digest },
    head: { ref: HOSTILE_PROBES.join(' '), commit: sha, policyDigest: digest },
    evaluationDate: '2026-11-22',
    policyOrigin: 'sources',
    changed: HOSTILE_PROBES.map((probe, i) => ({
      file: `requests/calnet/${probe}-${i}.yaml`,
      id: probe,
      program: 'calnet',
      before: 'ready-for-decision',
      after: 'invalid',
      appeared: [{ kind: 'problem', code: null, path: `/${probe}`, clause: null, message: probe }],
      wentAway: [{ kind: 'deficiency', code: probe, path: '/need', clause: probe, message: probe }],
    })),
    unchanged: HOSTILE_PROBES.map((probe) => ({ file: probe, id: probe, outcome: 'incomplete' })),
    unreadable: HOSTILE_PROBES.map((probe) => ({ file: probe, message: probe })),
  };

  it('the text is escaped for the terminal', () => {
    expectTerminalSafe(impactText(impact));
  });

  it('the Markdown leaves nothing for GitHub to render but its own line breaks in table cells', () => {
    const markdown = impactMarkdown(impact);
    expectMarkdownInert(markdown, /<br>/g);
    // The heading, the rule and one row per request: no hostile text adds a row or a cell.
    const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(HOSTILE_PROBES.length + 2);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(6);
  });
});
