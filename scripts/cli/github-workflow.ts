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
  /** The page of another run of this repository, by its id (a number, or a usage error naming `option`). */
  runPage(runId: string | undefined, option: string): string | undefined;
}

export function githubWorkflow(
  env: Readonly<Record<string, string | undefined>>,
  token: string,
  repoName: string,
  runId: string | undefined,
): GitHubWorkflow {
  const { owner, repo } = parseRepo(repoName);
  const links = linkTarget(env.GITHUB_SERVER_URL ?? 'https://github.com', `${owner}/${repo}`);
  const runPage = (id: string | undefined, option: string): string | undefined => {
    if (id !== undefined && !/^\d{1,20}$/.test(id)) throw new UsageError(`${option} must be a number`);
    return links && id ? `${links.serverUrl}/${owner}/${repo}/actions/runs/${id}` : undefined;
  };
  const runUrl = runPage(runId, '--run-id');
  const octokit = createGitHubClient({
    token,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
  });
  return { owner, repo, octokit, links, runUrl, runPage };
}
