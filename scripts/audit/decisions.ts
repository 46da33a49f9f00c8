/**
 * The decision log: what became of exemption requests that were not granted. The register lists grants
 * (merges); a pull request closed without a merge is a decision too, and git does not record it, so the
 * log needs the REST API. A pull request that changed requests and was closed unmerged is:
 *
 * - `denied` when it carries the label DENIAL_LABEL; who decided is who applied the label last, and the
 *   decision counts (`authorized`) only when they were, that day, a code owner of every request it
 *   changed (CODEOWNERS and identity mapping at the tip);
 * - `withdrawn` when its author closed it (the agency took the request back);
 * - `closed` otherwise: closed with no recorded decision, which an auditor follows up.
 */
import type { Codeowners } from '../approvers/codeowners.ts';
import { ownersOf } from '../approvers/codeowners.ts';
import type { IdentityMap } from '../approvers/identities.ts';
import { isAmongOwners } from '../approvers/owners.ts';
import { type GitHubSource, requestsOfPull } from './enrich.ts';

/** The label an approver applies to a pull request to record that the exemption is denied. */
export const DENIAL_LABEL = 'decision: denied';

export type DecisionKind = 'denied' | 'withdrawn' | 'closed';

export interface DecisionEntry {
  pr: number;
  title: string;
  /** The request files the pull request changed. */
  requests: string[];
  decision: DecisionKind;
  /** Login of who decided (applied the denial label, or closed the pull request); null if GitHub lost it. */
  decided_by: string | null;
  /** When (ISO 8601, as GitHub recorded it). */
  decided_at: string | null;
  /** When the pull request was opened (ISO 8601): the start of its time to decision. */
  opened_at: string | null;
  /** For a denial: whether the decider owned every request changed, on that day; null otherwise. */
  authorized: boolean | null;
}

export interface DecisionLog {
  entries: DecisionEntry[];
  /** Pull requests GitHub could not tell about, with why. */
  errors: { pr: number; message: string }[];
}

interface Judges {
  codeowners: Codeowners | null;
  identities: IdentityMap;
  /** Decisions after this day are left out (the audit date). */
  asOf: string;
}

async function decisionOf(
  source: GitHubSource,
  pull: {
    number: number;
    title: string;
    user: { login: string } | null;
    closed_at: string | null;
    created_at: string;
  },
  requests: string[],
  judges: Judges,
): Promise<DecisionEntry> {
  const { octokit, owner, repo } = source;
  const events = await octokit.paginate(octokit.rest.issues.listEvents, {
    owner,
    repo,
    issue_number: pull.number,
    per_page: 100,
  });
  const labelled = events.filter(
    (e) =>
      e.event === 'labeled' &&
      'label' in e &&
      (e.label as { name?: string } | undefined)?.name === DENIAL_LABEL,
  );
  const closed = events.filter((e) => e.event === 'closed').at(-1);
  const base = { pr: pull.number, title: pull.title, requests, opened_at: pull.created_at };
  const denial = labelled.at(-1);
  if (denial) {
    const login = denial.actor?.login ?? null;
    const day = denial.created_at.slice(0, 10);
    const { codeowners, identities } = judges;
    const handle = login ? `@${login}` : null;
    const candidate = { person: handle ? identities.byHandle(handle) : undefined, handle, email: null };
    const authorized =
      login !== null &&
      codeowners !== null &&
      requests.every((file) => isAmongOwners(ownersOf(codeowners, file).owners, candidate, day, identities));
    return { ...base, decision: 'denied', decided_by: login, decided_at: denial.created_at, authorized };
  }
  const closer = closed?.actor?.login ?? null;
  const withdrawn = closer !== null && closer === pull.user?.login;
  return {
    ...base,
    decision: withdrawn ? 'withdrawn' : 'closed',
    decided_by: closer,
    decided_at: closed?.created_at ?? pull.closed_at,
    authorized: null,
  };
}

/** Every pull request into `branch` that changed requests and was closed without a merge by `asOf`. */
export async function fetchDecisions(
  source: GitHubSource,
  branch: string,
  judges: Judges,
): Promise<DecisionLog> {
  const { octokit, owner, repo } = source;
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner,
    repo,
    state: 'closed',
    base: branch,
    per_page: 100,
  });
  const log: DecisionLog = { entries: [], errors: [] };
  for (const pull of pulls) {
    if (pull.merged_at || !pull.closed_at || pull.closed_at.slice(0, 10) > judges.asOf) continue;
    try {
      const requests = await requestsOfPull(source, pull.number);
      if (requests.length === 0) continue;
      log.entries.push(await decisionOf(source, pull, requests, judges));
    } catch (error) {
      log.errors.push({ pr: pull.number, message: error instanceof Error ? error.message : String(error) });
    }
  }
  log.entries.sort((a, b) => a.pr - b.pr);
  return log;
}
