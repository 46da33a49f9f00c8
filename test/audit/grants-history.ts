/**
 * A small history of grants for the register site and the central file: two granted exemptions of DGS
 * (with supporting documents, one of them binary and one in a subfolder), one of the County of
 * Sacramento, a DGS request merged although incomplete (not granted), and a request pushed straight to
 * the branch under a file name that tries to write HTML. The reference data gives the 90/60/30-day
 * expiry notices, and the three terms end in each of them as of AS_OF. The GitHub side (`standInPulls`)
 * has the merged pull requests, a denial, a withdrawal and the review queue.
 */
import { DENIAL_LABEL } from '../../scripts/audit/decisions.ts';
import type { GitHubStandIn } from '../support/github-stand-in.ts';
import { type Person, Repository } from '../support/repository.ts';
import { signedMerge } from '../support/signing.ts';
import { ADMIN, AGENCY, ALICE, BOB, file, foundationFiles, request } from './scenario.ts';

export const AS_OF = '2026-12-01';

/** Every byte value once: a document that is not text. */
export const QUOTE_PDF = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** The file name of the pushed request: quotes and a tag, which the site must show as text. */
export const HOSTILE_ID = 'x"><img src=x onerror=alert(1)>';

/** A title an agency typed for a pull request waiting for a decision. */
export const HOSTILE_TITLE = '<script>alert("queue")</script> & </td></tr> @ca-cdt/stnd-director';

/** A request that names the services it needs, as every real one does. */
const withServices = (text: string, ...services: string[]): string =>
  `${text}services:\n${services.map((s) => `  - service: ${s}\n    quantity: 1\n`).join('')}`;

const MALLORY: Person = { name: 'Mallory Pusher', email: 'mallory@example.org' };

export interface GrantsHistory {
  repo: Repository;
  merges: Record<'dgsWan' | 'dgsPhones' | 'sacRadio' | 'dgsIncomplete', string>;
}

export async function buildGrantsHistory(): Promise<GrantsHistory> {
  const repo = new Repository('2026-01-05T15:00:00Z');
  repo.commit(
    'Start the repository',
    {
      ...foundationFiles(),
      'policies/reference/thresholds.json': `${JSON.stringify(
        { thresholds: { ato_term_years: 2, expiry_notice_days: [90, 60, 30] } },
        null,
        2,
      )}\n`,
    },
    ADMIN,
  );
  const merge = async (number: number, branch: string, files: Record<string, string | Buffer>, by: Person) =>
    (await signedMerge(repo, number, branch, files, AGENCY, by)).merge;
  const dgsWan = await merge(
    1,
    'dgs-wan',
    {
      [file('calnet', 'dgs-wan')]: withServices(
        request({ id: 'dgs-wan', program: 'calnet', start: '2026-01-01', months: 12 }),
        'wan-data',
        'internet-access',
        'wan-data',
      ),
      'requests/calnet/dgs-wan/quote.pdf': QUOTE_PDF,
      'requests/calnet/dgs-wan/site-survey/floor 2.txt': 'Floor 2: 14 drops, closet B.\n',
    },
    ALICE,
  );
  const dgsPhones = await merge(
    2,
    'dgs-phones',
    {
      [file('calnet', 'dgs-phones')]: request({
        id: 'dgs-phones',
        program: 'calnet',
        start: '2026-02-01',
        months: 12,
      }),
      'requests/calnet/dgs-phones/quote.pdf': 'Quote for 40 handsets.\n',
    },
    ALICE,
  );
  const sacRadio = await merge(
    3,
    'sac-radio',
    {
      [file('cgen', 'sac-radio')]: withServices(
        request({ id: 'sac-radio', program: 'cgen', agency: 'SAC-COUNTY', start: '2026-01-15', months: 12 }),
        'voice-local',
      ),
    },
    BOB,
  );
  const dgsIncomplete = await merge(
    4,
    'dgs-incomplete',
    {
      [file('calnet', 'dgs-incomplete')]: request({
        id: 'dgs-incomplete',
        program: 'calnet',
        expect: 'incomplete',
      }),
    },
    ALICE,
  );
  repo.commit(
    'Add a request',
    { [file('calnet', HOSTILE_ID)]: request({ id: 'pushed', program: 'calnet' }) },
    MALLORY,
  );
  return { repo, merges: { dgsWan, dgsPhones, sacRadio, dgsIncomplete } };
}

/** What GitHub knows: the four merges, a denial, a withdrawal, and three open pull requests. */
export function standInPulls(github: GitHubStandIn, history: GrantsHistory): void {
  const merged = (number: number, sha: string, by: string, opened: string, closed: string) =>
    github.addPull({
      number,
      head: { sha: `${number}`.padStart(40, 'a') },
      state: 'closed',
      merged_by: by,
      merge_commit_sha: sha,
      created_at: opened,
      closed_at: closed,
    });
  merged(1, history.merges.dgsWan, 'alice', '2025-12-27T09:00:00Z', '2026-01-06T15:00:00Z');
  merged(2, history.merges.dgsPhones, 'alice', '2026-01-01T09:00:00Z', '2026-01-08T15:00:00Z');
  merged(3, history.merges.sacRadio, 'bob', '2026-01-09T09:00:00Z', '2026-01-10T15:00:00Z');
  merged(4, history.merges.dgsIncomplete, 'alice', '2026-01-10T09:00:00Z', '2026-01-12T15:00:00Z');
  const denied = 'requests/calnet/dgs-denied.yaml';
  github.addPull({
    number: 5,
    head: { sha: '5'.padStart(40, 'a') },
    state: 'closed',
    created_at: '2026-02-02T09:00:00Z',
    closed_at: '2026-03-04T10:00:00Z',
    files: [{ filename: denied, status: 'added' }],
    events: [
      { event: 'labeled', actor: 'alice', created_at: '2026-03-04T09:00:00Z', label: DENIAL_LABEL },
      { event: 'closed', actor: 'alice', created_at: '2026-03-04T10:00:00Z' },
    ],
  });
  github.addPull({
    number: 6,
    head: { sha: '6'.padStart(40, 'a') },
    state: 'closed',
    created_at: '2026-03-01T09:00:00Z',
    closed_at: '2026-03-11T10:00:00Z',
    files: [{ filename: 'requests/cgen/sac-video.yaml', status: 'added' }],
    events: [{ event: 'closed', actor: 'agency-author', created_at: '2026-03-11T10:00:00Z' }],
  });
  const open = (number: number, filename: string, opened: string, labels: string[], title?: string) => {
    github.addPull({
      number,
      head: { sha: `${number}`.padStart(40, 'a') },
      state: 'open',
      created_at: opened,
      files: [{ filename, status: 'added' }],
      ...(title ? { title } : {}),
    });
    github.labels.set(number, labels);
  };
  open(7, 'requests/calnet/dgs-voip.yaml', '2026-11-01T12:00:00Z', ['exemption: incomplete'], HOSTILE_TITLE);
  open(8, 'requests/cgen/sac-fiber.yaml', '2026-10-02T12:00:00Z', [
    'exemption: ready-for-decision',
    'program: cgen',
  ]);
  open(9, 'docs/notes.md', '2026-10-02T12:00:00Z', []);
  // Opened after the audit date: not yet in the queue of that day.
  open(10, 'requests/calnet/dgs-late.yaml', '2026-12-20T12:00:00Z', []);
}
