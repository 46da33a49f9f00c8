/**
 * GitHub as a workflow run sees it. A module of its own so that the commands that never reach GitHub
 * (check, validate, evaluate) do not load the API client at start.
 */
import { UsageError } from '../core/errors.ts';
import { createGitHubClient, type GitHub, parseRepo, type Repo } from '../github/client.ts';
import { type LinkTarget, linkTarget } from '../pull-request/comment.ts';

/** The repository, its links, the API client and this run's page, from options and the workflow's env. */
export interface GitHubWorkflow extends Repo {
  octokit: GitHub;
  links: LinkTarget | undefined;
  runUrl: string | undefined;
}

export function githubWorkflow(
  env: Readonly<Record<string, string | undefined>>,
  token: string,
  repoName: string,
  runId: string | undefined,
): GitHubWorkflow {
  if (runId !== undefined && !/^\d{1,20}$/.test(runId)) throw new UsageError('--run-id must be a number');
  const { owner, repo } = parseRepo(repoName);
  const links = linkTarget(env.GITHUB_SERVER_URL ?? 'https://github.com', `${owner}/${repo}`);
  const octokit = createGitHubClient({
    token,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
  });
  const runUrl = links && runId ? `${links.serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined;
  return { owner, repo, octokit, links, runUrl };
}
