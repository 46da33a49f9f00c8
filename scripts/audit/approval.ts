/**
 * Who approved a change and whether they were allowed to: the approver of a commit (git's merger through
 * the identity mapping, or GitHub's `merged_by` when a token was used), whether they were among the code
 * owners of a path on that day, and whether they were in the Director's team.
 */

import {
  IDENTITIES_PATH,
  type IdentityMap,
  type MappedPerson,
  normalizeHandle,
} from '../approvers/identities.ts';
import { isAmongOwners as isAmongCodeOwners } from '../approvers/owners.ts';
import type { CommitKind } from './classify.ts';
import type { GitHubFacts } from './enrich.ts';
import type { HistoryCommit, Identity } from './history.ts';

export interface Approver {
  /** Who put the commit on the branch as git records it (null for squash and rebase merges). */
  git: Identity | null;
  /** The mapped person, when the mapping knows them. */
  person: MappedPerson | undefined;
  handle: string | null;
  source: 'mapping' | 'github' | null;
  /** False for a squash or rebase merge that GitHub did not name a merger for. */
  known: boolean;
  /** Set when GitHub names someone else than the mapping makes of the git identity. */
  mismatch: string | null;
}

/** Who put a commit on the branch, as git records it: a merge's author, a direct push's committer. */
function gitMerger(commit: HistoryCommit, kind: CommitKind): Identity | null {
  if (kind === 'merge' || kind === 'local-merge') return commit.author;
  if (kind === 'direct-push') return commit.committer;
  return null;
}

export function approverOf(
  commit: HistoryCommit,
  kind: CommitKind,
  fact: GitHubFacts | undefined,
  identities: IdentityMap,
): Approver {
  const git = gitMerger(commit, kind);
  const mapped = git ? identities.byEmail(git.email) : undefined;
  const unrecoverable = kind === 'squash' || kind === 'rebase';
  if (fact?.mergedBy) {
    const handle = `@${fact.mergedBy}`;
    const mismatch =
      mapped && normalizeHandle(mapped.github) !== normalizeHandle(handle)
        ? `git author ${git?.email} maps to ${mapped.github}, GitHub says ${handle} merged`
        : null;
    return { git, person: identities.byHandle(handle), handle, source: 'github', known: true, mismatch };
  }
  return {
    git,
    person: mapped,
    handle: mapped?.github ?? null,
    source: mapped ? 'mapping' : null,
    known: !unrecoverable,
    mismatch: null,
  };
}

/** The approver in words, for violation details. */
export function describeApprover(approver: Approver): string {
  if (approver.handle) return approver.handle;
  if (approver.git) return `${approver.git.name} <${approver.git.email}> (not in ${IDENTITIES_PATH})`;
  return 'unknown';
}

/** Whether the approver is among `owners` on `date` (see approvers/owners.ts). */
export function isAmongOwners(
  owners: string[],
  approver: Approver,
  date: string,
  identities: IdentityMap,
): boolean {
  // GitHub's merged_by names a handle, not an address: then only the mapping's addresses count.
  const email = approver.source === 'github' ? null : (approver.git?.email ?? null);
  return isAmongCodeOwners(
    owners,
    { person: approver.person, handle: approver.handle, email },
    date,
    identities,
  );
}

/** Whether the approver was a member of the Director's team on `date`. */
export function isDirectorTeam(approver: Approver, date: string, identities: IdentityMap): boolean {
  const team = identities.directorTeam;
  return team !== null && approver.person !== undefined && identities.isMember(approver.person, team, date);
}
