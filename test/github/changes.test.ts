import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../scripts/core/limits.ts';
import { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import {
  changedFiles,
  checkIntegrity,
  classify,
  classifyPath,
  isSafeRepoPath,
  workingTreeChanges,
} from '../../scripts/pull-request/changes.ts';
import { evaluatePullRequest } from '../../scripts/pull-request/evaluate.ts';
import { exportRequestFiles } from '../../scripts/pull-request/export.ts';
import { tooLarge } from '../../scripts/request/load.ts';
import { Repository, requestText } from '../support/repository.ts';

describe('classifying changed files', () => {
  it.each([
    ['requests/calnet/dgs-2026-sd-wan.yaml', 'request', undefined],
    ['requests/cgen/chp-2026-remote.yml', 'request', undefined],
    ['requests/calnet/dgs-2026-sd-wan/vendor/quote.pdf', 'attachment', undefined],
    ['requests/dgs-2026-sd-wan.yaml', 'misplaced', undefined],
    ['requests/other/x.yaml', 'misplaced', undefined],
    ['policies/exemptions/decision.rego', 'judging', 'policies'],
    ['compiled/policy/policy.wasm', 'judging', 'policies'],
    ['policies/reference/agencies.json', 'judging', 'reference-data'],
    ['schemas/request.schema.json', 'judging', 'schemas'],
    ['scripts/comment.ts', 'judging', 'scripts'],
    ['package-lock.json', 'judging', 'scripts'],
    ['toolchain.json', 'judging', 'scripts'],
    ['.github/workflows/evaluate.yml', 'judging', 'workflows'],
    ['.github/CODEOWNERS', 'judging', 'codeowners'],
    ['CODEOWNERS', 'judging', 'codeowners'],
    ['docs/governance.md', 'other', undefined],
    ['examples/requests/calnet/x.yaml', 'other', undefined],
  ])('%s is a %s file', (path, kind, group) => {
    expect(classifyPath(path)).toEqual(group ? { kind, group } : { kind });
  });

  it.each([
    ['requests/calnet/a.yaml', true],
    ['.github/CODEOWNERS', true],
    ['requests/calnet/../../x.yaml', false],
    ['./requests/a.yaml', false],
    ['/etc/passwd', false],
    ['requests/calnet/a b.yaml', false],
    ['requests/calnet/a\nb.yaml', false],
    ['requests/calnet/ä.yaml', false],
    ['', false],
  ])('%j is a safe path: %s', (path, safe) => {
    expect(isSafeRepoPath(path)).toBe(safe);
  });
});

describe('the integrity rule', () => {
  const change = (path: string) => classify(path, 'modified');

  it('trips when requests change together with files that judge them', () => {
    const finding = checkIntegrity([
      change('requests/calnet/a.yaml'),
      change('policies/exemptions/decision.rego'),
    ]);
    expect(finding).toEqual({
      tripped: true,
      requestFiles: ['requests/calnet/a.yaml'],
      judgingFiles: [{ path: 'policies/exemptions/decision.rego', group: 'policies' }],
    });
  });

  it.each([
    ['a supporting document and a workflow', ['requests/cgen/a/x.pdf', '.github/workflows/comment.yml']],
    ['a request and CODEOWNERS', ['requests/cgen/a.yaml', '.github/CODEOWNERS']],
    ['a request and reference data', ['requests/cgen/a.yaml', 'policies/reference/agencies.json']],
  ])('trips for %s', (_, paths) => {
    expect(checkIntegrity(paths.map(change)).tripped).toBe(true);
  });

  it.each([
    ['requests alone', ['requests/calnet/a.yaml', 'requests/calnet/a/quote.pdf']],
    ['policies alone', ['policies/exemptions/decision.rego', 'schemas/request.schema.json']],
    ['requests and documentation', ['requests/calnet/a.yaml', 'docs/governance.md']],
  ])('holds for %s', (_, paths) => {
    expect(checkIntegrity(paths.map(change)).tripped).toBe(false);
  });
});

describe('a pull request read from git as data', () => {
  const repo = new Repository();
  const out = mkdtempSync(join(tmpdir(), 'pr-export-'));
  let base = '';
  let head = '';
  let evaluator: PolicyEvaluator;

  beforeAll(async () => {
    evaluator = await PolicyEvaluator.load();
    repo
      .put('policies/exemptions/decision.rego', 'package exemptions\n')
      .put('requests/calnet/old-request.yaml', requestText('old-request'))
      .put('docs/readme.md', 'docs\n');
    base = repo.commit('base');
    repo.git(['checkout', '--quiet', '-b', 'pull']);
    repo
      .put('requests/calnet/new-request.yaml', requestText('new-request'))
      .put('requests/calnet/new-request/vendor-quote.pdf', '%PDF-1.4 quote\n')
      .link('requests/calnet/new-request/stolen.pdf', '../../../../outside-secret.txt')
      .link('requests/cgen/linked.yaml', '/etc/passwd')
      .put('requests/cgen/huge.yaml', `# ${'x'.repeat(MAX_FILE_BYTES)}\n`)
      .put('requests/stray.yaml', 'format: 1\n')
      .put('policies/exemptions/decision.rego', 'package exemptions\n# changed\n')
      .put('docs/My Notes.md', 'not judged\n')
      .delete('requests/calnet/old-request.yaml');
    head = repo.commit('pull request');
  });

  afterAll(() => {
    repo.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it('lists the changed files of base...head, classified', () => {
    const changes = changedFiles(base, head, repo.dir).map((c) => `${c.status} ${c.kind} ${c.path}`);
    expect(changes).toEqual([
      'added other docs/My Notes.md',
      'modified judging policies/exemptions/decision.rego',
      'added request requests/calnet/new-request.yaml',
      'added attachment requests/calnet/new-request/stolen.pdf',
      'added attachment requests/calnet/new-request/vendor-quote.pdf',
      'deleted request requests/calnet/old-request.yaml',
      'added request requests/cgen/huge.yaml',
      'added request requests/cgen/linked.yaml',
      'added misplaced requests/stray.yaml',
    ]);
  });

  it('copies request files out of git, and each document as a file of its size, never following a link', () => {
    const exported = exportRequestFiles(
      repo.dir,
      head,
      ['requests/calnet/new-request.yaml', 'requests/cgen/linked.yaml', 'requests/cgen/huge.yaml'],
      out,
    );
    expect(exported.files).toEqual([join(out, 'requests/calnet/new-request.yaml')]);
    // The rules need a document's existence and size, never its content, so it is not read.
    const document = readFileSync(join(out, 'requests/calnet/new-request/vendor-quote.pdf'));
    expect(document.length).toBe('%PDF-1.4 quote\n'.length);
    expect(document.every((byte) => byte === 0)).toBe(true);
    expect(existsSync(join(out, 'requests/calnet/new-request/stolen.pdf'))).toBe(false);
    expect(existsSync(join(out, 'requests/cgen/linked.yaml'))).toBe(false);
    expect(exported.problems).toEqual([
      {
        request: 'requests/calnet/new-request.yaml',
        message:
          'supporting document requests/calnet/new-request/stolen.pdf is a symbolic link; requests and their documents must be regular files',
      },
      {
        request: 'requests/cgen/linked.yaml',
        message: 'the request is a symbolic link; requests and their documents must be regular files',
      },
      {
        request: 'requests/cgen/huge.yaml',
        message: tooLarge(MAX_FILE_BYTES + 3),
      },
    ]);
  });

  it('evaluates every changed request, keeps going past bad ones, and applies the integrity rule', () => {
    const artifact = evaluatePullRequest({
      repoDir: repo.dir,
      base,
      head,
      number: 9,
      evaluator,
      date: '2026-11-22',
    });
    expect(artifact.pull_request).toEqual({ number: 9, base_sha: base, head_sha: head });
    expect(artifact.results.map((r) => r.file)).toEqual([
      'requests/calnet/new-request.yaml',
      'requests/cgen/huge.yaml',
      'requests/cgen/linked.yaml',
    ]);
    const [evaluated, huge, linked] = artifact.results;
    expect(evaluated?.decision !== null || (evaluated?.errors.length ?? 0) > 0).toBe(true);
    expect(evaluated?.errors[0]?.message).toContain('stolen.pdf is a symbolic link');
    expect(huge).toMatchObject({ valid: false, decision: null });
    expect(linked?.errors.map((e) => e.message)).toEqual([
      'the request is a symbolic link; requests and their documents must be regular files',
    ]);
    expect(JSON.stringify(artifact)).not.toContain('root:');
    expect(artifact.integrity.tripped).toBe(true);
    expect(artifact.integrity.judging_files).toEqual([
      { path: 'policies/exemptions/decision.rego', group: 'policies' },
    ]);
    expect(artifact.removed_requests).toEqual(['requests/calnet/old-request.yaml']);
    expect(artifact.misplaced_files).toEqual(['requests/stray.yaml']);
    expect(artifact.unsafe_paths).toBe(0);
  });

  it('sees uncommitted and untracked changes in the working tree', () => {
    repo.put('requests/cgen/draft.yaml', requestText('draft'));
    repo.put('scripts/local.ts', 'export {};\n');
    const changes = workingTreeChanges('main', repo.dir).map((c) => `${c.status} ${c.path}`);
    expect(changes).toContain('added requests/cgen/draft.yaml');
    expect(changes).toContain('added scripts/local.ts');
    expect(changes).toContain('deleted requests/calnet/old-request.yaml');
  });
});
