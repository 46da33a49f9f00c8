/**
 * Evaluating what a pull request changes: the request files it adds or edits, judged by the policy of the
 * checkout this code runs from (in the workflow: the base commit), plus the integrity rule. The same view
 * serves the pull-request workflow (request files read out of git as data) and the local dry run (files
 * read from the working tree).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.ts';
import { findDefaultBranch, findRevision, GitError, gitText, listTree } from '../core/git.ts';
import type { PolicyEvaluator } from '../policy/evaluator.ts';
import type { IsoDate } from '../request/types.ts';
import { type EvaluationReport, evaluateFiles, type FileResult } from '../run/pipeline.ts';
import { buildArtifact, type EvaluationArtifact } from './artifact.ts';
import {
  type ChangedFile,
  changedFiles,
  checkIntegrity,
  comparePaths,
  isSafeRepoPath,
  workingTreeChanges,
} from './changes.ts';
import { exportRequestFiles } from './export.ts';
import { recordAt } from './record.ts';

function gitRev(cwd: string, rev: string): string {
  const sha = findRevision(cwd, rev);
  if (sha === null) throw new GitError(`${rev} is not a commit in ${cwd}`);
  return sha;
}

interface Sorted {
  evaluate: string[];
  removed: string[];
  misplaced: string[];
  unsafe: number;
  /** The request files whose documents folder the change touches (`requests/calnet/x.yaml` for `x/`). */
  documentsOf: Map<string, string[]>;
}

/**
 * A document is part of its request: a change to a request's documents folder evaluates that request
 * again, with the pull request's version of the folder. Documents whose request exists in neither
 * version are outside the layout; a request being removed takes its documents with it.
 */
function withDocumentChanges(sorted: Sorted, exists: (request: string) => boolean): Sorted {
  const evaluate = new Set(sorted.evaluate);
  const removed = new Set(sorted.removed);
  const misplaced = [...sorted.misplaced];
  for (const [request, documents] of sorted.documentsOf) {
    if (evaluate.has(request) || removed.has(request)) continue;
    if (exists(request)) evaluate.add(request);
    else misplaced.push(...documents);
  }
  return { ...sorted, evaluate: [...evaluate].sort(comparePaths), misplaced: misplaced.sort(comparePaths) };
}

/** Splits changes into requests to evaluate, removed requests, misplaced files and unsafe names. */
function sortChanges(changes: ChangedFile[]): Sorted {
  const sorted: Sorted = { evaluate: [], removed: [], misplaced: [], unsafe: 0, documentsOf: new Map() };
  for (const change of changes) {
    if (change.kind === 'other') continue;
    if (!isSafeRepoPath(change.path)) {
      sorted.unsafe += 1;
      continue;
    }
    if (change.kind === 'misplaced') sorted.misplaced.push(change.path);
    if (change.kind === 'attachment') {
      const request = `${change.path.split('/').slice(0, 3).join('/')}.yaml`;
      sorted.documentsOf.set(request, [...(sorted.documentsOf.get(request) ?? []), change.path]);
      continue;
    }
    if (change.kind !== 'request') continue;
    if (change.status === 'deleted') sorted.removed.push(change.path);
    else sorted.evaluate.push(change.path);
  }
  return sorted;
}

function problemResult(file: string, messages: string[]): FileResult {
  return {
    file,
    id: null,
    valid: false,
    errors: messages.map((message) => ({ file, line: 1, column: 1, path: '', message })),
    decision: null,
    positions: {},
  };
}

export interface PullRequestInput {
  /** A git repository holding both commits (in the workflow: the pull request's data-only checkout). */
  repoDir: string;
  base: string;
  head: string;
  number: number;
  evaluator: PolicyEvaluator;
  date: IsoDate;
}

/**
 * Evaluates the request files a pull request adds or edits, read out of the head commit's git objects into
 * a scratch folder (nothing from the pull request is executed or followed), and applies the integrity rule.
 */
export function evaluatePullRequest(input: PullRequestInput): EvaluationArtifact {
  const base = gitRev(input.repoDir, input.base);
  const head = gitRev(input.repoDir, input.head);
  const changes = changedFiles(base, head, input.repoDir);
  const sorted = withDocumentChanges(sortChanges(changes), (request) =>
    listTree(input.repoDir, head, [request]).some((e) => e.path === request),
  );
  const scratch = mkdtempSync(join(tmpdir(), 'pr-requests-'));
  try {
    const exported = exportRequestFiles(input.repoDir, head, sorted.evaluate, scratch);
    const report = evaluateFiles(exported.files, input.evaluator, input.date, scratch, () =>
      recordAt(input.repoDir, base),
    );
    const problemsBy = new Map<string, string[]>();
    for (const p of exported.problems)
      problemsBy.set(p.request, [...(problemsBy.get(p.request) ?? []), p.message]);
    const results: FileResult[] = report.results.map((r) => {
      const problems = problemsBy.get(r.file);
      problemsBy.delete(r.file);
      if (!problems) return r;
      const errors = [
        ...problems.map((message) => ({ file: r.file, line: 1, column: 1, path: '', message })),
        ...r.errors,
      ];
      return { ...r, errors };
    });
    for (const [file, messages] of problemsBy) results.push(problemResult(file, messages));
    results.sort((a, b) => comparePaths(a.file, b.file));
    return buildArtifact({
      pullRequest: { number: input.number, baseSha: base, headSha: head },
      report: { ...report, results },
      integrity: checkIntegrity(changes),
      removedRequests: sorted.removed,
      misplacedFiles: sorted.misplaced,
      unsafePaths: sorted.unsafe,
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface WorkingTreeInput {
  cwd: string;
  base: string;
  evaluator: PolicyEvaluator;
  date: IsoDate;
}

/** The same evaluation for the working tree against `base`: what a pull request from here would get. */
export function evaluateWorkingTree(input: WorkingTreeInput): EvaluationArtifact {
  let mergeBase: string;
  try {
    mergeBase = gitText(input.cwd, ['merge-base', input.base, 'HEAD']).trim();
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new GitError(`cannot find where this branch left ${input.base}: ${error.message}`);
  }
  const changes = workingTreeChanges(input.base, input.cwd);
  const sorted = withDocumentChanges(sortChanges(changes), (request) => existsSync(join(input.cwd, request)));
  const report: EvaluationReport = evaluateFiles(
    sorted.evaluate.map((p) => join(input.cwd, p)),
    input.evaluator,
    input.date,
    input.cwd,
    () => recordAt(input.cwd, mergeBase),
  );
  return buildArtifact({
    pullRequest: { number: 0, baseSha: mergeBase, headSha: gitRev(input.cwd, 'HEAD') },
    report,
    integrity: checkIntegrity(changes),
    removedRequests: sorted.removed,
    misplacedFiles: sorted.misplaced,
    unsafePaths: sorted.unsafe,
  });
}

/** The branch a dry run compares against when none is given: the remote's default branch, else main. */
export function defaultBase(cwd: string): string {
  const base = findDefaultBranch(cwd);
  if (base === null)
    throw new UsageError('no base branch found (tried origin/HEAD, origin/main, main): pass --base REF');
  return base;
}
