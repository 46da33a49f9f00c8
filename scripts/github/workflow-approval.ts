/**
 * A pull request that changes the workflows (`.github/`, `.ci/`) changes what runs with this repository's
 * tokens, including a workflow that could post the trusted status itself. The trusted check therefore
 * passes such a pull request only once a code owner of every workflow file it changes has approved its
 * current head: owners by the default branch's CODEOWNERS, membership by the default branch's approver
 * identities on the evaluation date. The pull request's author never counts, and neither does a bot.
 * GitHub's code-owner review demands the same at merge; this makes the status say so on the pull request,
 * with or without requests in it (SPEC section 6).
 */
import { CODEOWNERS_LOCATIONS, ownersOf, parseCodeowners } from '../approvers/codeowners.ts';
import {
  emptyIdentities,
  IDENTITIES_PATH,
  type IdentityMap,
  loadIdentities,
} from '../approvers/identities.ts';
import { isAmongOwners } from '../approvers/owners.ts';
import { readBlobs } from '../core/git.ts';
import type { WorkflowApproval } from '../pull-request/artifact.ts';
import type { IsoDate } from '../request/types.ts';
import type { GitHub, Repo } from './client.ts';

export interface WorkflowApprovalOptions extends Repo {
  number: number;
  headSha: string;
  baseSha: string;
  /** The login of the pull request's author; their own approval never counts. */
  author: string | null;
  /** The workflow files the pull request changes. */
  files: readonly string[];
  /** A clone holding the base commit, whose CODEOWNERS and identities decide. */
  repoDir: string;
  date: IsoDate;
}

function textAt(repoDir: string, commit: string, paths: readonly string[]): Map<string, string> {
  const blobs = readBlobs(
    repoDir,
    paths.map((p) => `${commit}:${p}`),
  );
  return new Map(
    [...blobs].map(([object, bytes]) => [object.slice(commit.length + 1), bytes.toString('utf8')]),
  );
}

/** The identity mapping as the base commit holds it; a missing or broken one credits nobody (fail closed). */
function identitiesOf(text: string | undefined): IdentityMap {
  if (text === undefined) return emptyIdentities();
  return loadIdentities(IDENTITIES_PATH, text).map;
}

/** The logins whose latest verdict on the pull request is an approval of exactly `headSha`. */
async function approvalsOfHead(octokit: GitHub, options: WorkflowApprovalOptions): Promise<string[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner: options.owner,
    repo: options.repo,
    pull_number: options.number,
    per_page: 100,
  });
  const latest = new Map<string, { state: string; commit: string | null }>();
  for (const review of reviews) {
    const login = review.user?.login;
    // A comment is not a verdict: it neither grants nor withdraws an approval.
    if (!login || review.user?.type === 'Bot' || review.state === 'COMMENTED' || review.state === 'PENDING')
      continue;
    latest.set(login, { state: review.state, commit: review.commit_id });
  }
  const author = options.author?.toLowerCase();
  return [...latest]
    .filter(
      ([login, r]) =>
        r.state === 'APPROVED' && r.commit === options.headSha && login.toLowerCase() !== author,
    )
    .map(([login]) => login)
    .sort();
}

export async function workflowApproval(
  octokit: GitHub,
  options: WorkflowApprovalOptions,
): Promise<WorkflowApproval> {
  // CODEOWNERS wherever GitHub looks for it, and the identities, in one read of the base commit.
  const sources = textAt(options.repoDir, options.baseSha, [...CODEOWNERS_LOCATIONS, IDENTITIES_PATH]);
  const location = CODEOWNERS_LOCATIONS.find((l) => sources.has(l));
  const codeowners = parseCodeowners(location ? (sources.get(location) ?? '') : '');
  const identities = identitiesOf(sources.get(IDENTITIES_PATH));

  const approvals = await approvalsOfHead(octokit, options);
  const owners = new Set<string>();
  const approvedBy = new Set<string>();
  let everyFileApproved = true;
  for (const file of options.files) {
    const fileOwners = ownersOf(codeowners, file).owners;
    for (const owner of fileOwners) owners.add(owner);
    const approving = approvals.filter((login) =>
      isAmongOwners(
        fileOwners,
        { person: identities.byHandle(`@${login}`), handle: `@${login}`, email: null },
        options.date,
        identities,
      ),
    );
    if (approving.length === 0) everyFileApproved = false;
    for (const login of approving) approvedBy.add(login);
  }
  return {
    files: [...options.files],
    owners: [...owners].sort(),
    approved_by: everyFileApproved ? [...approvedBy].sort() : [],
  };
}
