/**
 * The trusted check: the one status a merge must pass. It runs only from the default branch (the
 * `workflow_run` job in .github/workflows/comment.yml) and believes nothing the pull request's own run
 * produced. It asks the API for the pull request's current head and base, reads the head's files as git
 * data, evaluates them with the default branch's policy, schema and reference data, posts the comment,
 * and sets one commit status on the head naming the base and the policy digest. Whatever it cannot see
 * or finish fails the status (fail closed).
 */
import { findRevision, git } from '../core/git.ts';
import type { PolicyEvaluator } from '../policy/evaluator.ts';
import { type EvaluationArtifact, workflowFiles } from '../pull-request/artifact.ts';
import { type LinkTarget, markOutOfDate, verdict } from '../pull-request/comment.ts';
import { evaluatePullRequest } from '../pull-request/evaluate.ts';
import type { IsoDate } from '../request/types.ts';
import type { GitHub, Repo } from './client.ts';
import { DEFAULT_BOT_LOGIN } from './client.ts';
import { findEvaluationComments, type PostOutcome, postEvaluation } from './post.ts';
import { workflowApproval } from './workflow-approval.ts';

/** The status context the ruleset requires. No other workflow of this repository sets it. */
export const TRUSTED_CHECK_CONTEXT = 'exemptions / trusted evaluation';

/** GitHub cuts a status description at 140 characters. */
const DESCRIPTION_LIMIT = 140;

export type StatusState = 'success' | 'failure' | 'pending';

export interface TrustedCheckOptions extends Repo {
  /** The head commit the finished pull-request run was for (`workflow_run.head_sha`). */
  headSha: string;
  /** `owner:branch` of the head (`workflow_run.head_repository.owner.login` and `head_branch`). */
  headLabel: string;
  /** A clone of this repository at the default branch, with full history; the head is fetched into it. */
  repoDir: string;
  evaluator: PolicyEvaluator;
  date: IsoDate;
  botLogin?: string;
  links?: LinkTarget | undefined;
  runUrl?: string | undefined;
  /** The pull request's own run, whose summary lists the impact of a change to the rules. */
  evaluationRunUrl?: string | undefined;
}

/** What the check needs to find the pull request and write on it, before anything is evaluated. */
export type PendingOptions = Omit<TrustedCheckOptions, 'repoDir' | 'evaluator' | 'date'>;

export type TrustedCheckOutcome =
  | { status: 'set'; state: StatusState; sha: string; description: string; post?: PostOutcome }
  | { status: 'no-pull-request' | 'already-evaluated'; message: string };

interface PullRequestView {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  author: string | null;
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

function describe(text: string): string {
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1)}…`;
}

/** The open pull request whose head is `headLabel` at `headSha`, as the API reports it now. */
async function findPullRequest(
  octokit: GitHub,
  options: PendingOptions,
): Promise<PullRequestView | undefined> {
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner: options.owner,
    repo: options.repo,
    state: 'open',
    head: options.headLabel,
    per_page: 100,
  });
  const pull = pulls.find((p) => p.head.sha === options.headSha);
  if (!pull) return undefined;
  return {
    number: pull.number,
    headSha: pull.head.sha,
    baseSha: pull.base.sha,
    baseRef: pull.base.ref,
    author: pull.user?.login ?? null,
  };
}

/**
 * Makes both commits present in the clone as data: the head through the base repository's own
 * `refs/pull/N/head` (which exists for forks too), never by checking it out.
 */
function fetchCommits(repoDir: string, pull: PullRequestView): void {
  const missing = [pull.headSha, pull.baseSha].some((sha) => findRevision(repoDir, sha) === null);
  if (!missing) return;
  git(repoDir, [
    'fetch',
    '--no-tags',
    '--quiet',
    'origin',
    `+refs/pull/${pull.number}/head:refs/exemptions/pull/${pull.number}/head`,
    pull.baseSha,
  ]);
  for (const sha of [pull.headSha, pull.baseSha]) {
    if (findRevision(repoDir, sha) === null) throw new Error(`commit ${short(sha)} could not be fetched`);
  }
}

async function setStatus(
  octokit: GitHub,
  options: PendingOptions,
  sha: string,
  state: StatusState,
  description: string,
): Promise<string> {
  const text = describe(description);
  await octokit.rest.repos.createCommitStatus({
    owner: options.owner,
    repo: options.repo,
    sha,
    state,
    context: TRUSTED_CHECK_CONTEXT,
    description: text,
    ...(options.runUrl ? { target_url: options.runUrl } : {}),
  });
  return text;
}

/** What the status says: the verdict, the base it was judged against and the policy that judged. */
export function statusDescription(artifact: EvaluationArtifact): { state: StatusState; text: string } {
  const result = verdict(artifact);
  const count = artifact.results.length;
  const head = result.passed
    ? `passed: ${count} changed request${count === 1 ? '' : 's'}`
    : `failed: ${result.reasons[0] ?? 'see the comment'}`;
  const digest = artifact.policy.digest.replace(/^sha256:/, '').slice(0, 12);
  return {
    state: result.passed ? 'success' : 'failure',
    text: `${head} · base ${short(artifact.pull_request.base_sha)} · policy ${digest}`,
  };
}

/**
 * Runs the trusted check for the pull request whose run just finished. Any failure after the pull request
 * is known (a base that is not the default branch, a commit that cannot be fetched, an evaluation or a
 * posting that errors) sets a failing status saying so, then the error goes on to the caller.
 */
export async function runTrustedCheck(
  octokit: GitHub,
  options: TrustedCheckOptions,
): Promise<TrustedCheckOutcome> {
  const pull = await findPullRequest(octokit, options);
  if (!pull) {
    return {
      status: 'no-pull-request',
      message: `no open pull request from ${options.headLabel} is at ${short(options.headSha)} (it moved on or closed); the run for its current head sets its status`,
    };
  }
  const fail = async (why: string) => {
    const description = await setStatus(octokit, options, pull.headSha, 'failure', why);
    return { status: 'set' as const, state: 'failure' as const, sha: pull.headSha, description };
  };
  try {
    await setStatus(octokit, options, pull.headSha, 'pending', `evaluating ${short(pull.headSha)}`);
    const repository = await octokit.rest.repos.get({ owner: options.owner, repo: options.repo });
    const defaultBranch = repository.data.default_branch;
    if (pull.baseRef !== defaultBranch) {
      return await fail(`not evaluated: the base is not ${defaultBranch}; retarget it to ${defaultBranch}`);
    }
    fetchCommits(options.repoDir, pull);
    const evaluated = evaluatePullRequest({
      repoDir: options.repoDir,
      base: pull.baseSha,
      head: pull.headSha,
      number: pull.number,
      evaluator: options.evaluator,
      date: options.date,
    });
    const workflows = workflowFiles(evaluated);
    const artifact =
      workflows.length === 0
        ? evaluated
        : {
            ...evaluated,
            workflow_approval: await workflowApproval(octokit, {
              owner: options.owner,
              repo: options.repo,
              number: pull.number,
              headSha: pull.headSha,
              baseSha: pull.baseSha,
              author: pull.author,
              files: workflows,
              repoDir: options.repoDir,
              date: options.date,
            }),
          };
    const post = await postEvaluation(octokit, {
      owner: options.owner,
      repo: options.repo,
      artifact,
      botLogin: options.botLogin,
      links: options.links,
      runUrl: options.runUrl,
      evaluationRunUrl: options.evaluationRunUrl,
    });
    if (!('view' in post)) {
      return await fail(`not evaluated: ${post.status === 'stale' ? 'a newer push arrived' : 'gone'}`);
    }
    // A retarget while the evaluation ran: what was judged is not what would merge.
    const now = await octokit.rest.pulls.get({
      owner: options.owner,
      repo: options.repo,
      pull_number: pull.number,
    });
    if (now.data.base.ref !== pull.baseRef || now.data.base.sha !== pull.baseSha) {
      return await fail(
        `not evaluated: the base changed to ${now.data.base.ref} ${short(now.data.base.sha)} during the evaluation; the new run evaluates again`,
      );
    }
    const { state, text } = statusDescription(post.view);
    const description = await setStatus(octokit, options, pull.headSha, state, text);
    return { status: 'set', state, sha: pull.headSha, description, post };
  } catch (error) {
    await fail('failed: the evaluation could not be completed; see the run log').catch(() => undefined);
    throw error;
  }
}

/**
 * The moment a pull request's run is requested (a new push, a retarget): the status on the new head is
 * pending, and the comment, if there is one, says at once that it describes an earlier commit.
 */
export async function markEvaluating(octokit: GitHub, options: PendingOptions): Promise<TrustedCheckOutcome> {
  const pull = await findPullRequest(octokit, options);
  if (!pull) {
    return {
      status: 'no-pull-request',
      message: `no open pull request from ${options.headLabel} is at ${short(options.headSha)}; nothing to mark`,
    };
  }
  // A mark that GitHub starts only after the evaluation finished must not undo it.
  const combined = await octokit.rest.repos.getCombinedStatusForRef({
    owner: options.owner,
    repo: options.repo,
    ref: pull.headSha,
  });
  const settled = combined.data.statuses.find(
    (s) => s.context === TRUSTED_CHECK_CONTEXT && (s.state === 'success' || s.state === 'failure'),
  );
  if (settled) {
    return {
      status: 'already-evaluated',
      message: `${short(pull.headSha)} is already evaluated (${settled.state}); nothing to mark`,
    };
  }
  const description = await setStatus(
    octokit,
    options,
    pull.headSha,
    'pending',
    `evaluating ${short(pull.headSha)}`,
  );
  const where = { owner: options.owner, repo: options.repo, issueNumber: pull.number };
  const existing = await findEvaluationComments(octokit, {
    ...where,
    botLogin: options.botLogin ?? DEFAULT_BOT_LOGIN,
  });
  const body = existing.primary?.body;
  if (existing.primary && typeof body === 'string') {
    await octokit.rest.issues.updateComment({
      owner: options.owner,
      repo: options.repo,
      comment_id: existing.primary.id,
      body: markOutOfDate(body, pull.headSha),
    });
  }
  return { status: 'set', state: 'pending', sha: pull.headSha, description };
}
