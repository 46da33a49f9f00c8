/**
 * Posting a pull request's evaluation: the one evaluation comment (found by its marker and the bot
 * author), the outcome and program labels, and the cross-check of the artifact against the files the API
 * says the pull request changes.
 */

import { GITHUB_FILE_LIST_LIMIT } from '../core/limits.ts';
import { FILE_OUTCOMES, type FileOutcome, fileOutcome } from '../policy/outcomes.ts';
import type { EvaluationArtifact } from '../pull-request/artifact.ts';
import {
  type ChangedFile,
  type ChangeStatus,
  checkIntegrity,
  classify,
  comparePaths,
  isSafeRepoPath,
  rulesChangedIn,
} from '../pull-request/changes.ts';
import {
  COMMENT_MARKER,
  type LinkTarget,
  parseCommentState,
  renderComment,
  verdict,
} from '../pull-request/comment.ts';
import type { ImpactSection } from '../pull-request/impact.ts';
import { DEFAULT_BOT_LOGIN, type GitHub, isNotFound, type Repo } from './client.ts';

export interface IssueComment {
  id: number;
  body?: string | null | undefined;
  user?: { login: string; type?: string } | null | undefined;
}

/** Our comment: posted by the bot and starting with the marker. A user's comment quoting it is not ours. */
export function isEvaluationComment(comment: IssueComment, botLogin: string): boolean {
  return (
    comment.user?.login === botLogin &&
    comment.user.type === 'Bot' &&
    typeof comment.body === 'string' &&
    comment.body.startsWith(COMMENT_MARKER)
  );
}

export interface EvaluationComments {
  /** The oldest of our comments: the one kept and edited in place. */
  primary: IssueComment | undefined;
  /** Any others (from races or earlier versions): deleted. */
  duplicates: IssueComment[];
}

export async function findEvaluationComments(
  octokit: GitHub,
  where: Repo & { issueNumber: number; botLogin: string },
): Promise<EvaluationComments> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    per_page: 100,
  });
  const ours = comments.filter((c) => isEvaluationComment(c, where.botLogin)).sort((a, b) => a.id - b.id);
  return { primary: ours[0], duplicates: ours.slice(1) };
}

export interface CommentWrite {
  action: 'created' | 'updated' | 'unchanged';
  commentId: number;
  deletedDuplicates: number;
}

/** Creates the comment or edits ours in place, then deletes duplicates of ours (never anyone else's). */
export async function writeEvaluationComment(
  octokit: GitHub,
  where: Repo & { issueNumber: number },
  existing: EvaluationComments,
  body: string,
): Promise<CommentWrite> {
  let write: Omit<CommentWrite, 'deletedDuplicates'>;
  if (!existing.primary) {
    const created = await octokit.rest.issues.createComment({
      owner: where.owner,
      repo: where.repo,
      issue_number: where.issueNumber,
      body,
    });
    write = { action: 'created', commentId: created.data.id };
  } else if (existing.primary.body === body) {
    write = { action: 'unchanged', commentId: existing.primary.id };
  } else {
    await octokit.rest.issues.updateComment({
      owner: where.owner,
      repo: where.repo,
      comment_id: existing.primary.id,
      body,
    });
    write = { action: 'updated', commentId: existing.primary.id };
  }
  let deletedDuplicates = 0;
  for (const duplicate of existing.duplicates) {
    try {
      await octokit.rest.issues.deleteComment({
        owner: where.owner,
        repo: where.repo,
        comment_id: duplicate.id,
      });
      deletedDuplicates += 1;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return { ...write, deletedDuplicates };
}

/** Labels this project manages on a pull request; others' labels are left alone. */
export const LABEL_PREFIXES = ['exemption: ', 'program: '] as const;
export const INTEGRITY_LABEL = 'exemption: integrity-flagged';

/** The label that carries a file's outcome on its pull request. */
export function outcomeLabel(outcome: FileOutcome): string {
  return `exemption: ${outcome}`;
}

/** The outcome a label of ours carries; null for any other label. */
export function outcomeOfLabel(name: string): FileOutcome | null {
  return FILE_OUTCOMES.find((outcome) => outcomeLabel(outcome) === name) ?? null;
}

export function labelsFor(artifact: EvaluationArtifact): string[] {
  const labels = new Set<string>();
  for (const r of artifact.results) {
    labels.add(outcomeLabel(fileOutcome(r)));
    const program = r.decision?.program ?? /^requests\/(calnet|cgen)\//.exec(r.file)?.[1];
    if (program) labels.add(`program: ${program}`);
  }
  if (artifact.integrity.tripped) labels.add(INTEGRITY_LABEL);
  return [...labels].sort();
}

export async function syncLabels(
  octokit: GitHub,
  where: Repo & { issueNumber: number },
  wanted: string[],
): Promise<{ added: string[]; removed: string[] }> {
  const current = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, {
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    per_page: 100,
  });
  const names = new Set(current.map((l) => l.name));
  const managed = (name: string) => LABEL_PREFIXES.some((prefix) => name.startsWith(prefix));
  const removed = [...names].filter((name) => managed(name) && !wanted.includes(name));
  const added = wanted.filter((name) => !names.has(name));
  for (const name of removed) {
    try {
      await octokit.rest.issues.removeLabel({
        owner: where.owner,
        repo: where.repo,
        issue_number: where.issueNumber,
        name,
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  if (added.length > 0) {
    await octokit.rest.issues.addLabels({
      owner: where.owner,
      repo: where.repo,
      issue_number: where.issueNumber,
      labels: added,
    });
  }
  return { added, removed };
}

function statusFromApi(status: string): ChangeStatus {
  if (status === 'added' || status === 'copied') return 'added';
  if (status === 'removed') return 'deleted';
  if (status === 'modified' || status === 'changed' || status === 'renamed') return 'modified';
  return 'other';
}

/** The pull request's changed files as the API lists them, renames counted under both names. */
export interface ApiChanges {
  changes: ChangedFile[];
  /** The list stopped at GitHub's limit: files beyond it are not in `changes`. */
  truncated: boolean;
}

export async function pullRequestChanges(
  octokit: GitHub,
  where: Repo & { pullNumber: number },
): Promise<ApiChanges> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: where.owner,
    repo: where.repo,
    pull_number: where.pullNumber,
    per_page: 100,
  });
  return {
    changes: files.flatMap((f) => [
      classify(f.filename, statusFromApi(f.status)),
      ...(f.previous_filename ? [classify(f.previous_filename, 'deleted' as const)] : []),
    ]),
    truncated: files.length >= GITHUB_FILE_LIST_LIMIT,
  };
}

/**
 * The artifact checked against the API's file list: the integrity rule and misplaced files joined with
 * what the API shows, and any changed request the artifact has no result for listed as unevaluated. The
 * artifact comes from a run the pull request could have altered; the API's list it cannot.
 */
export function withApiCrossCheck(artifact: EvaluationArtifact, api: ApiChanges): EvaluationArtifact {
  const { changes } = api;
  const fromApi = checkIntegrity(changes);
  const requestFiles = new Set(artifact.integrity.request_files);
  const judging = new Map(artifact.integrity.judging_files.map((f) => [f.path, f]));
  let unsafe = 0;
  for (const path of fromApi.requestFiles) {
    if (isSafeRepoPath(path)) requestFiles.add(path);
    else unsafe += 1;
  }
  for (const f of fromApi.judgingFiles) {
    if (isSafeRepoPath(f.path)) judging.set(f.path, f);
    else unsafe += 1;
  }
  const misplaced = new Set(artifact.misplaced_files);
  for (const c of changes) if (c.kind === 'misplaced' && isSafeRepoPath(c.path)) misplaced.add(c.path);
  const evaluated = new Set(artifact.results.map((r) => r.file));
  const unevaluated = new Set(artifact.unevaluated_requests);
  for (const c of changes) {
    const live = c.kind === 'request' && c.status !== 'deleted' && isSafeRepoPath(c.path);
    if (live && !evaluated.has(c.path)) unevaluated.add(c.path);
  }
  return {
    ...artifact,
    integrity: {
      tripped: artifact.integrity.tripped || fromApi.tripped,
      request_files: [...requestFiles].sort(),
      judging_files: [...judging.values()].sort((a, b) => comparePaths(a.path, b.path)),
    },
    unevaluated_requests: [...unevaluated].sort(),
    misplaced_files: [...misplaced].sort(),
    unsafe_paths: Math.max(artifact.unsafe_paths, unsafe),
    file_list_truncated: artifact.file_list_truncated || api.truncated,
  };
}

export type PostOutcome =
  | {
      status: 'posted';
      message: string;
      /** The evaluation as posted: the artifact joined with the API's file list. */
      view: EvaluationArtifact;
      comment: CommentWrite;
      labels: { added: string[]; removed: string[] };
    }
  | { status: 'nothing-to-post'; message: string; view: EvaluationArtifact }
  | { status: 'vanished' | 'stale'; message: string };

export interface PostOptions extends Repo {
  artifact: EvaluationArtifact;
  botLogin?: string;
  links?: LinkTarget | undefined;
  runUrl?: string | undefined;
  /** The pull request's own run, whose summary lists the impact of a change to the rules. */
  evaluationRunUrl?: string | undefined;
}

/**
 * Posts a verified artifact on its pull request: checks the pull request still points at the evaluated
 * commit, re-derives the integrity rule from the API, then upserts the comment and the labels. A pull
 * request that no longer exists ends cleanly with a message.
 */
export async function postEvaluation(octokit: GitHub, options: PostOptions): Promise<PostOutcome> {
  const { owner, repo, artifact } = options;
  const number = artifact.pull_request.number;
  const botLogin = options.botLogin ?? DEFAULT_BOT_LOGIN;
  try {
    const pr = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
    if (pr.data.head.sha !== artifact.pull_request.head_sha) {
      return {
        status: 'stale',
        message: `pull request #${number} has moved on to ${pr.data.head.sha}; the evaluation of ${artifact.pull_request.head_sha} is not posted (the newer run posts its own)`,
      };
    }
    const api = await pullRequestChanges(octokit, { owner, repo, pullNumber: number });
    const view = withApiCrossCheck(artifact, api);
    // A change to the rules is said on the pull request, with where its impact is listed, even when it
    // changes no request: the Director decides on the rules as on a request.
    const impact: ImpactSection | undefined = rulesChangedIn(api.changes)
      ? {
          elsewhere: {
            runUrl: options.evaluationRunUrl,
            base: artifact.pull_request.base_sha,
            head: artifact.pull_request.head_sha,
          },
        }
      : undefined;
    const where = { owner, repo, issueNumber: number };
    const existing = await findEvaluationComments(octokit, { ...where, botLogin });
    if (view.results.length === 0 && !existing.primary && verdict(view).passed && !impact) {
      return {
        status: 'nothing-to-post',
        message: `pull request #${number} changes no requests; no comment needed`,
        view,
      };
    }
    const body = renderComment(view, {
      target: 'comment',
      links: options.links,
      previous: parseCommentState(existing.primary?.body),
      runUrl: options.runUrl,
      impact,
    });
    const comment = await writeEvaluationComment(octokit, where, existing, body);
    const labels = await syncLabels(octokit, where, labelsFor(view));
    return {
      status: 'posted',
      view,
      message: `evaluation comment ${comment.action} on pull request #${number}${comment.deletedDuplicates ? ` (${comment.deletedDuplicates} duplicate(s) deleted)` : ''}`,
      comment,
      labels,
    };
  } catch (error) {
    if (isNotFound(error)) {
      return {
        status: 'vanished',
        message: `pull request #${number} was not found (404): it was deleted or the repository moved; nothing was posted`,
      };
    }
    throw error;
  }
}
