/**
 * The review queue: open pull requests into the default branch that change requests, waiting for the
 * Director's decision, with the outcome the trusted check last labelled them with and how long they have
 * waited. Git does not know an open pull request, so the queue needs the REST API.
 */
import { INTEGRITY_LABEL, outcomeOfLabel } from '../github/post.ts';
import type { FileOutcome } from '../policy/outcomes.ts';
import { daysBetween } from './dates.ts';
import { type GitHubSource, requestsOfPull } from './enrich.ts';

export interface QueueEntry {
  pr: number;
  title: string;
  /** Login of who opened it. */
  author: string | null;
  /** The request files it changes. */
  requests: string[];
  /**
   * The outcomes the trusted check labelled it with (`exemption: <outcome>`, one per distinct file
   * outcome); empty when it has not labelled it yet.
   */
  outcomes: FileOutcome[];
  /** Whether the trusted check flagged its files as not matching what GitHub lists. */
  integrity_flagged: boolean;
  /** When it was opened (ISO 8601, as GitHub recorded it). */
  opened_at: string;
  /** Whole days from its opening day to the audit date. */
  age_days: number;
}

export interface QueueRead {
  entries: QueueEntry[];
  /** Pull requests GitHub could not list the files of, with why. */
  errors: { pr: number; message: string }[];
}

/** Every open pull request into `branch` that changes requests, opened by `asOf`, oldest first. */
export async function fetchQueue(source: GitHubSource, branch: string, asOf: string): Promise<QueueRead> {
  const { octokit, owner, repo } = source;
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner,
    repo,
    state: 'open',
    base: branch,
    per_page: 100,
  });
  const read: QueueRead = { entries: [], errors: [] };
  for (const pull of pulls) {
    const opened = pull.created_at.slice(0, 10);
    if (opened > asOf) continue;
    try {
      const requests = await requestsOfPull(source, pull.number);
      if (requests.length === 0) continue;
      const labels = pull.labels.map((l) => l.name ?? '');
      read.entries.push({
        pr: pull.number,
        title: pull.title,
        author: pull.user?.login ?? null,
        requests,
        outcomes: labels.map(outcomeOfLabel).filter((o): o is FileOutcome => o !== null),
        integrity_flagged: labels.includes(INTEGRITY_LABEL),
        opened_at: pull.created_at,
        age_days: daysBetween(opened, asOf),
      });
    } catch (error) {
      read.errors.push({ pr: pull.number, message: error instanceof Error ? error.message : String(error) });
    }
  }
  read.entries.sort((a, b) => a.opened_at.localeCompare(b.opened_at) || a.pr - b.pr);
  return read;
}
