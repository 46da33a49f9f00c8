/**
 * The record of granted exemptions a change is judged against: the requests on the default branch, as
 * of the pull request's base. On that branch a request arrives only by a merge the ruleset lets an
 * approver make, so each is on record; the audit's register, which also knows whether each merge
 * followed the rules, is the authority and judges every merge again with the register it rebuilds.
 * Files are read as git data and loaded like any request; one that does not load is simply not on
 * record.
 */
import { findDefaultBranch, findRevision, listTree, readBlobs } from '../core/git.ts';
import { MAX_FILE_BYTES } from '../core/limits.ts';
import type { ExemptionRecord } from '../policy/decision.ts';
import { agencyOf, fieldOf } from '../request/fields.ts';
import { loadRequestBytes } from '../request/load.ts';
import { classifyPath, isSafeRepoPath } from './changes.ts';

/** The record of a set of requests: each one's id with its agency and program, when all three are given. */
export function recordOf(requests: readonly unknown[]): ExemptionRecord {
  const entries: [string, { agency: string; program: 'calnet' | 'cgen' }][] = [];
  for (const request of requests) {
    const id = fieldOf(request, 'id');
    const agency = agencyOf(request);
    const program = fieldOf(request, 'program');
    if (typeof id !== 'string' || agency === '') continue;
    if (program !== 'calnet' && program !== 'cgen') continue;
    entries.push([id, { agency, program }]);
  }
  return Object.fromEntries(entries);
}

/** The record as of a commit: every request file under requests/ there. */
export function recordAt(repoDir: string, commit: string): ExemptionRecord {
  const entries = listTree(repoDir, commit, ['requests/']).filter(
    (e) =>
      e.type === 'blob' &&
      e.mode !== '120000' &&
      isSafeRepoPath(e.path) &&
      classifyPath(e.path).kind === 'request' &&
      (e.size ?? 0) <= MAX_FILE_BYTES,
  );
  const blobs = readBlobs(
    repoDir,
    entries.map((e) => e.object),
  );
  const requests: unknown[] = [];
  for (const entry of entries) {
    const content = blobs.get(entry.object);
    if (content) requests.push(loadRequestBytes(entry.path, content).request);
  }
  return recordOf(requests);
}

/**
 * The record for a run in a working copy: the default branch's requests, or undefined when the folder
 * is not a clone that has one (the policy then notes a renewal as unchecked rather than unknown).
 */
export function recordOfDefaultBranch(cwd: string): ExemptionRecord | undefined {
  const branch = findDefaultBranch(cwd);
  const commit = branch === null ? null : findRevision(cwd, branch);
  return commit === null ? undefined : recordAt(cwd, commit);
}
