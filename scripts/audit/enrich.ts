/**
 * Optional cross-check with GitHub's REST API (only when a token is available): who merged each pull
 * request (`merged_by`), its approving reviews and the commit each approved, and the pull request behind a
 * squash or rebase merge, which git alone cannot name. The Octokit instance is passed in, so tests point
 * it at a local stand-in and the command line adds retry and throttling.
 */
import type { Octokit } from '@octokit/rest';
import { type CommitKind, requestOfPath } from './classify.ts';

export interface GitHubSource {
  octokit: Octokit;
  owner: string;
  repo: string;
}

export interface ReviewFact {
  login: string;
  /** The commit the reviewer approved. */
  commit: string;
  /** Whether that commit is the head that was merged (false: the request changed after the approval). */
  current: boolean;
}

export interface GitHubFacts {
  pr: number | null;
  /** Login of who merged, as GitHub recorded it. */
  mergedBy: string | null;
  /** The commit GitHub says the pull request was merged as; null when it was not merged. */
  mergeCommit: string | null;
  reviews: ReviewFact[];
  /** When the pull request was opened (ISO 8601): the start of its time to decision. */
  openedAt: string | null;
  /** Why GitHub could not tell, when it could not. */
  error: string | null;
}

export interface EnrichTarget {
  sha: string;
  kind: CommitKind;
  pr: number | null;
  /** The merged head: a merge's second parent; null for squash and rebase merges. */
  mergedHead: string | null;
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'status' in error) {
    const status = (error as { status: unknown }).status;
    const message = error instanceof Error ? error.message : '';
    return `GitHub answered ${String(status)}${message ? `: ${message}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

async function pullFacts(
  source: GitHubSource,
  number: number,
  mergedHead: string | null,
): Promise<GitHubFacts> {
  const { octokit, owner, repo } = source;
  const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
  const head = mergedHead ?? pull.head.sha;
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner,
    repo,
    pull_number: number,
    per_page: 100,
  });
  return {
    pr: number,
    mergedBy: pull.merged_by?.login ?? null,
    mergeCommit: pull.merged_at ? pull.merge_commit_sha : null,
    openedAt: pull.created_at,
    reviews: reviews
      .filter((review) => review.state === 'APPROVED' && review.user && review.commit_id)
      .map((review) => ({
        login: review.user?.login ?? '',
        commit: review.commit_id ?? '',
        current: review.commit_id === head,
      })),
    error: null,
  };
}

/** The merged pull request GitHub associates with a squash or rebase commit on `branch`. */
async function pullOfCommit(source: GitHubSource, sha: string, branch: string): Promise<number | null> {
  const { octokit, owner, repo } = source;
  // Every page: a commit can be associated with more pull requests than the first page of 30 holds.
  const data = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
    owner,
    repo,
    commit_sha: sha,
    per_page: 100,
  });
  const merged = data.filter((pull) => pull.merged_at && pull.base.ref === branch);
  const exact = merged.find((pull) => pull.merge_commit_sha === sha);
  return (exact ?? merged[0])?.number ?? null;
}

/** What GitHub says about each target commit; failures are recorded per commit, never thrown. */
export async function fetchGitHubFacts(
  source: GitHubSource,
  branch: string,
  targets: EnrichTarget[],
  onEach: () => void = () => {},
): Promise<Map<string, GitHubFacts>> {
  const facts = new Map<string, GitHubFacts>();
  for (const target of targets) {
    try {
      if (target.kind === 'merge' && target.pr !== null) {
        facts.set(target.sha, await pullFacts(source, target.pr, target.mergedHead));
      } else if (target.kind === 'squash' || target.kind === 'rebase') {
        // The "(#N)" of a subject can be typed by anyone: only GitHub's own association counts.
        const number = await pullOfCommit(source, target.sha, branch);
        facts.set(
          target.sha,
          number === null
            ? {
                pr: null,
                mergedBy: null,
                mergeCommit: null,
                reviews: [],
                openedAt: null,
                error: 'GitHub knows no merged pull request for it',
              }
            : await pullFacts(source, number, null),
        );
      }
    } catch (error) {
      facts.set(target.sha, {
        pr: target.pr,
        mergedBy: null,
        mergeCommit: null,
        reviews: [],
        openedAt: null,
        error: describe(error),
      });
    }
    onEach();
  }
  return facts;
}

/** The request files a pull request changes (a document counts for its request), sorted. */
export async function requestsOfPull(source: GitHubSource, number: number): Promise<string[]> {
  const { octokit, owner, repo } = source;
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner,
    repo,
    pull_number: number,
    per_page: 100,
  });
  const requests = files
    .map((f) => requestOfPath(f.filename)?.file)
    .filter((f): f is string => f !== undefined);
  return [...new Set(requests)].sort();
}
