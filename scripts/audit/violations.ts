/**
 * Every kind of violation the audit reports, with what it means; `docs/audit.md` explains each and a test
 * checks that it names them all.
 */
import type { CommitKind } from './classify.ts';

export const VIOLATION_KINDS = {
  'merger-not-owner':
    'the change was merged by someone who was not, on that day, a code owner of the request under the CODEOWNERS in force',
  'decision-not-acceptable':
    'the decision re-evaluated as at the merge was neither ready-for-decision nor not-required (or could not be made)',
  'direct-push':
    'a commit after the baseline reached the default branch without a pull-request merge (pushed, or merged outside GitHub)',
  'request-changed-after-approval':
    'a granted request (or one in force at the baseline) was changed on the default branch without a pull-request merge',
  'unsigned-merge':
    'a commit that claims GitHub made it (its merge message, or GitHub as committer) has no signature, or one that does not verify: it was made or changed outside GitHub',
  'unknown-signing-key':
    'a commit that claims GitHub made it is signed with a key that is not in governance/merge-signing-keys.asc',
  'request-changed-with-policy':
    'a request was changed in the same merge as policies, schemas, reference data, scripts or workflows',
  'approver-unrecoverable':
    'a squash or rebase merge changed a request or a governance file and who approved it cannot be recovered',
  'codeowners-change-not-approved':
    "CODEOWNERS, the identity mapping, the merge-signing keys or the baseline was changed without a member of the Director's team approving it",
  'date-anomaly':
    'a commit claims a date the branch contradicts (after the commit that follows it, before its parent) or one that is not a date; it is judged on the day the branch bounds it to',
  'merge-not-confirmed':
    'with a token only: GitHub says the pull request was not merged, or was merged as another commit, so this commit is not its merge',
  'merger-identity-mismatch':
    'with a token only: GitHub says someone else merged the pull request than the identity mapping makes of the git author',
} as const;

export type ViolationKind = keyof typeof VIOLATION_KINDS;

export interface Violation {
  kind: ViolationKind;
  /** The first-parent commit that brought the change. */
  commit: string;
  /** How that commit reached the branch. */
  via: CommitKind;
  pr: number | null;
  /** The request file or governance file concerned. */
  path: string;
  /** Date of the commit on the branch (committer date, ISO 8601). */
  date: string;
  detail: string;
}
