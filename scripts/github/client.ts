/**
 * The GitHub client: Octokit with retries and GitHub's pacing, and how a repository is named. Every
 * function that talks to GitHub takes the client as a parameter, so tests point it at a local stand-in
 * and nothing holds a client of its own.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';

export const GitHubClient = Octokit.plugin(retry, throttling);
export type GitHub = InstanceType<typeof GitHubClient>;

/** The login of the token the workflow posts with (GITHUB_TOKEN). */
export const DEFAULT_BOT_LOGIN = 'github-actions[bot]';

export interface ClientOptions {
  token: string;
  /** The REST API root; `GITHUB_API_URL` in Actions, a 127.0.0.1 stand-in in tests. */
  baseUrl?: string;
  /** How many times a failed request (5xx, rate limit) is tried again. */
  retries?: number;
  /**
   * Milliseconds per unit of back-off: GitHub's `retry-after` seconds and the retry plugin's quadratic
   * back-off are multiplied by it. 1000 in production; tests make it tiny.
   */
  retryAfterBaseMs?: number;
  /** Minimum milliseconds between writes and between writes that notify (comments): GitHub's guidance. */
  writeSpacingMs?: number;
  notificationSpacingMs?: number;
  log?: (line: string) => void;
}

export function createGitHubClient(options: ClientOptions): GitHub {
  const retries = options.retries ?? 3;
  const base = options.retryAfterBaseMs ?? 1000;
  const log = options.log ?? ((line: string) => console.error(line));
  const limitHandler =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _client: unknown, retryCount: number) => {
      const again = retryCount < retries;
      log(
        `GitHub ${kind} on ${request.method} ${request.url}; ${again ? `retrying after ${retryAfter} s` : 'giving up'}`,
      );
      return again;
    };
  return new GitHubClient({
    auth: options.token,
    baseUrl: options.baseUrl ?? 'https://api.github.com',
    userAgent: 'state-telecom-exemptions',
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
    retry: { retries, retryAfterBaseValue: base },
    throttle: {
      retryAfterBaseValue: base,
      fallbackSecondaryRateRetryAfter: 60,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeSpacingMs ?? 1000 }),
      notifications: new Bottleneck.Group({
        maxConcurrent: 1,
        minTime: options.notificationSpacingMs ?? 3000,
      }),
      onRateLimit: limitHandler('rate limit'),
      onSecondaryRateLimit: limitHandler('secondary rate limit'),
    },
  });
}

export interface Repo {
  owner: string;
  repo: string;
}

export function parseRepo(value: string): Repo {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value);
  if (!match?.[1] || !match[2]) throw new Error(`--repo must be owner/name, not ${JSON.stringify(value)}`);
  return { owner: match[1], repo: match[2] };
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && error.status === 404;
}
