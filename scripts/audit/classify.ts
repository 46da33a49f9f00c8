/**
 * What a commit on the default branch is (a pull-request merge, a squash or rebase merge GitHub made, or a
 * direct push) and what the paths it changed are (requests, their documents, governance files, or the
 * files that judge requests).
 */

import { CODEOWNERS_LOCATIONS } from '../approvers/codeowners.ts';
import { IDENTITIES_PATH } from '../approvers/identities.ts';
import { classifyPath } from '../pull-request/changes.ts';
import { PROGRAM_FOLDERS } from '../request/discover.ts';
import type { Program } from '../request/types.ts';
import { BASELINE_PATH } from './baseline.ts';
import type { HistoryCommit } from './history.ts';
import { MERGE_SIGNING_KEYS_PATH } from './signatures.ts';

/**
 * - `merge`: a merge commit with GitHub's "Merge pull request #N from ..." message.
 * - `squash`: a single-parent commit GitHub made whose subject ends with "(#N)".
 * - `rebase`: a single-parent commit GitHub made with no pull-request number (a rebase merge, or an edit
 *   in GitHub's web interface: git alone cannot tell them apart).
 * - `local-merge`: a merge commit not made from a pull request (merged on a workstation and pushed).
 * - `direct-push`: any other commit.
 */
export type CommitKind = 'merge' | 'squash' | 'rebase' | 'local-merge' | 'direct-push';

export interface CommitClass {
  kind: CommitKind;
  pr: number | null;
}

/** The address GitHub commits with when it makes a squash or rebase merge (or a web edit). */
export const GITHUB_COMMITTER_EMAIL = 'noreply@github.com';

const MERGE_MESSAGE = /^Merge pull request #(\d+) from \S+/;
const SQUASH_SUBJECT = /\(#(\d+)\)\s*$/;

/** The pull-request number of GitHub's merge message, or null. */
export function pullRequestOfMerge(message: string): number | null {
  const match = MERGE_MESSAGE.exec(message);
  return match ? Number(match[1]) : null;
}

export function classifyCommit(commit: HistoryCommit): CommitClass {
  const subject = commit.message.split('\n', 1)[0] ?? '';
  if (commit.parents.length > 1) {
    const pr = pullRequestOfMerge(subject);
    return pr === null ? { kind: 'local-merge', pr: null } : { kind: 'merge', pr };
  }
  if (commit.committer.email.toLowerCase() === GITHUB_COMMITTER_EMAIL) {
    const squash = SQUASH_SUBJECT.exec(subject);
    return squash ? { kind: 'squash', pr: Number(squash[1]) } : { kind: 'rebase', pr: null };
  }
  return { kind: 'direct-push', pr: null };
}

export interface RequestPath {
  program: Program;
  id: string;
  /** The request file, `requests/<program>/<id>.yaml`. */
  file: string;
  /** True when the path is a supporting document in `requests/<program>/<id>/`, not the file itself. */
  document: boolean;
}

const programs = PROGRAM_FOLDERS.join('|');
const REQUEST_FILE = new RegExp(`^requests/(${programs})/([^/]+)\\.ya?ml$`);
const REQUEST_DOCUMENT = new RegExp(`^requests/(${programs})/([^/]+)/.+$`);

/** The request a path belongs to, or null when it is not part of a request. */
export function requestOfPath(path: string): RequestPath | null {
  const file = REQUEST_FILE.exec(path);
  if (file) {
    return { program: file[1] as Program, id: file[2] ?? '', file: path, document: false };
  }
  const doc = REQUEST_DOCUMENT.exec(path);
  if (doc) {
    const program = doc[1] as Program;
    return { program, id: doc[2] ?? '', file: `requests/${program}/${doc[2]}.yaml`, document: true };
  }
  return null;
}

/**
 * Files that decide who may approve and what counts as an approval (CODEOWNERS, the identity mapping, the
 * merge-signing keys, the baseline): changing them needs the Director's team.
 */
export function isGovernancePath(path: string): boolean {
  return (
    (CODEOWNERS_LOCATIONS as readonly string[]).includes(path) ||
    path === IDENTITIES_PATH ||
    path === MERGE_SIGNING_KEYS_PATH ||
    path === BASELINE_PATH
  );
}

/**
 * Files that judge requests or decide who approves: the pull-request check's own list (`classifyPath` in
 * scripts/changes.ts, the one definition of the integrity rule), plus the identity mapping the audit reads.
 */
export function isJudgingPath(path: string): boolean {
  return classifyPath(path).kind === 'judging' || isGovernancePath(path);
}
