/**
 * Keeps one issue up to date with the weekly audit: found by its hidden marker and by being written by the
 * workflow's bot (a person can copy the marker into an issue; only the bot's own issue is ever edited).
 * Opened or reopened when there is something to report, closed when there is nothing left.
 */
import type { Octokit } from '@octokit/rest';
import { DEFAULT_BOT_LOGIN } from '../github/client.ts';
import { ISSUE_MARKER } from './render.ts';

export const ISSUE_TITLE = 'Exemptions audit: upcoming expiries and violations';

export interface IssueTarget {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** The login the workflow's token writes as. */
  botLogin?: string;
}

export type IssueOutcome =
  | { action: 'created' | 'updated' | 'reopened' | 'closed'; number: number }
  | { action: 'none'; number: null };

/** The bot's audit issue, open ones first, or undefined. */
export async function findAuditIssue(
  target: IssueTarget,
): Promise<{ number: number; state: string; body: string } | undefined> {
  const bot = target.botLogin ?? DEFAULT_BOT_LOGIN;
  const issues = await target.octokit.paginate(target.octokit.rest.issues.listForRepo, {
    owner: target.owner,
    repo: target.repo,
    state: 'all',
    creator: bot,
    per_page: 100,
  });
  const ours = issues
    .filter((i) => !i.pull_request && i.user?.login === bot && (i.body ?? '').includes(ISSUE_MARKER))
    .sort((a, b) => (a.state === b.state ? a.number - b.number : a.state === 'open' ? -1 : 1));
  const first = ours[0];
  return first ? { number: first.number, state: first.state, body: first.body ?? '' } : undefined;
}

export async function upsertAuditIssue(
  target: IssueTarget,
  body: string,
  hasFindings: boolean,
): Promise<IssueOutcome> {
  const { octokit, owner, repo } = target;
  const existing = await findAuditIssue(target);
  if (!hasFindings) {
    if (!existing || existing.state !== 'open') return { action: 'none', number: null };
    await octokit.rest.issues.update({
      owner,
      repo,
      issue_number: existing.number,
      body,
      state: 'closed',
      state_reason: 'completed',
    });
    return { action: 'closed', number: existing.number };
  }
  if (!existing) {
    const { data } = await octokit.rest.issues.create({ owner, repo, title: ISSUE_TITLE, body });
    return { action: 'created', number: data.number };
  }
  const reopen = existing.state !== 'open';
  await octokit.rest.issues.update({
    owner,
    repo,
    issue_number: existing.number,
    body,
    ...(reopen ? { state: 'open' as const } : {}),
  });
  return { action: reopen ? 'reopened' : 'updated', number: existing.number };
}
