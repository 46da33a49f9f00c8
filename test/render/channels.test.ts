/**
 * Every hostile string, placed in request files where a user can put it (a duplicate key, an unknown
 * key, a value), sent through each channel that echoes it: the terminal (`validate`, `evaluate`), GitHub
 * Markdown (`evaluate --format markdown`, the job summary, the pull-request comment) and workflow command
 * lines (`pr-evaluate` annotations). In
 * none of them may user text act: no line of its own, no escape a terminal obeys, no mention,
 * reference, link, SHA or HTML GitHub renders.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArtifact } from '../../scripts/pull-request/artifact.ts';
import { renderComment } from '../../scripts/pull-request/comment.ts';
import { runCli } from '../support/cli.ts';
import { HOSTILE_PROBES } from '../support/evaluations.ts';
import { Repository, requestText } from '../support/repository.ts';

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

/** GitHub renders nothing a user wrote: outside the product's own code spans, no HTML, mention, reference or SHA. */
function expectMarkdownInert(markdown: string): void {
  for (const character of ['\r', '\u001b', '\u202e']) expect(markdown.includes(character)).toBe(false);
  const prose = markdown.replace(/`[^`\n]*`/g, '');
  // The product's own markup is its hidden markers and the footer's <sub>; any other < came from a user.
  expect(prose).not.toMatch(/<(?!!-- exemptions-|\/?sub>)/);
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
