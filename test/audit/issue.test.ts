import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../scripts/audit/audit.ts';
import { findAuditIssue, ISSUE_TITLE, upsertAuditIssue } from '../../scripts/audit/issue.ts';
import {
  hasFindings,
  ISSUE_MARKER,
  renderIssueBody,
  renderMarkdown,
  renderSummary,
} from '../../scripts/audit/render.ts';
import type { Violation } from '../../scripts/audit/violations.ts';
import { BOT, BOT_TOKEN, GitHubStandIn } from '../support/github-stand-in.ts';

function audit(violations: number, expiring: number): AuditResult {
  const violation = (i: number): Violation => ({
    kind: 'merger-not-owner',
    commit: `${i}`.padStart(40, '0'),
    via: 'merge',
    pr: i,
    path: `requests/calnet/r-${i}.yaml`,
    date: '2026-05-01T10:00:00+00:00',
    detail: `merged by @mallory <b>${'x'.repeat(300)}</b>`,
  });
  return {
    branch: 'main',
    head: 'e'.repeat(40),
    as_of: '2026-06-01',
    expiring_within_days: 90,
    notice_days: [90, 60, 30],
    rows: [],
    chains: [],
    violations: Array.from({ length: violations }, (_, i) => violation(i + 1)),
    expiring: Array.from({ length: expiring }, () => ({
      kind: 'exemption-end' as const,
      date: '2026-07-01',
      days_left: 30,
      notice_days: 30,
      agency: 'DGS',
      request: 'dgs-wan',
      file: 'requests/calnet/dgs-wan.yaml',
      detail: 'contract with Acme',
    })),
    policies: [],
    problems: [],
    enriched: false,
    decisions: null,
    queue: null,
    stats: { commits: 1, audited_commits: 1, compilations: 0, milliseconds: 1 },
  };
}

describe('the body of the weekly issue', () => {
  it('starts with the hidden marker and lists expiries and violations, escaped', () => {
    const body = renderIssueBody(audit(2, 1));
    expect(body.startsWith(ISSUE_MARKER)).toBe(true);
    expect(body).toContain('| 2026-07-01 | 30 | 30-day | exemption-end |');
    expect(body).toContain('`merger-not-owner`');
    expect(body).not.toContain('@mallory');
    expect(body).not.toContain('<b>');
  });

  it('stays under the size GitHub accepts, saying how many rows it left out', () => {
    const body = renderIssueBody(audit(1000, 0));
    expect(body.length).toBeLessThan(65_536);
    expect(body).toMatch(/… and \d+ more: the whole register is in the audit run/);
  });

  it('stays under it with thousands of expiries too, counting violations by kind and linking the run', () => {
    const runUrl = 'https://github.com/ca-cdt/telecom-exemptions/actions/runs/42';
    const body = renderIssueBody(audit(5000, 5000), runUrl);
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain('| `merger-not-owner` | 5000 |');
    expect(body).toContain(`[the audit run](${runUrl})`);
    expect(body.match(/… and \d+ more/g)).toHaveLength(2);
  });

  it('links only a run of a repository, nothing a register could smuggle in', () => {
    expect(renderIssueBody(audit(1, 0), 'javascript:alert(1)')).not.toContain('javascript:');
    expect(renderIssueBody(audit(1, 0), 'https://evil.example/x')).not.toContain('evil.example');
  });

  it('gives the job summary the whole register when it fits, and cuts it to 1 MiB when not', () => {
    const small = audit(2, 1);
    expect(renderSummary(small)).toBe(renderMarkdown(small));
    const huge = audit(20_000, 0);
    const summary = renderSummary(huge);
    expect(summary.length).toBeLessThanOrEqual(1_000_000);
    expect(summary).toContain("the whole register is in this run's exemptions-audit artifact");
  });

  it('has findings only when something expires or a rule was broken', () => {
    expect(hasFindings(audit(0, 0))).toBe(false);
    expect(hasFindings(audit(0, 1))).toBe(true);
    expect(hasFindings(audit(1, 0))).toBe(true);
  });
});

describe('opening or updating the one audit issue', () => {
  let github: GitHubStandIn;
  let target: { octokit: Octokit; owner: string; repo: string };

  beforeEach(async () => {
    github = new GitHubStandIn();
    await github.start();
    target = {
      octokit: new Octokit({ auth: BOT_TOKEN, baseUrl: github.baseUrl }),
      owner: 'ca-cdt',
      repo: 'exemptions',
    };
  });
  afterEach(async () => {
    await github.stop();
  });

  it('opens the issue the first time, then edits the same one', async () => {
    expect(await upsertAuditIssue(target, renderIssueBody(audit(1, 0)), true)).toEqual({
      action: 'created',
      number: 1,
    });
    expect(await upsertAuditIssue(target, renderIssueBody(audit(2, 1)), true)).toEqual({
      action: 'updated',
      number: 1,
    });
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.title).toBe(ISSUE_TITLE);
    expect(github.issues[0]?.body).toContain('r-2.yaml');
  });

  it("never edits a person's issue that quotes the marker", async () => {
    const mallory = { login: 'mallory', type: 'User' as const };
    github.addIssue({ title: 'copy', body: `${ISSUE_MARKER} fake`, state: 'open', user: mallory });
    github.addIssue({ title: 'bot, other', body: 'no marker', state: 'open', user: BOT });
    const outcome = await upsertAuditIssue(target, renderIssueBody(audit(1, 0)), true);
    expect(outcome).toEqual({ action: 'created', number: 3 });
    expect(github.issues[0]?.body).toBe(`${ISSUE_MARKER} fake`);
    expect(github.issues[1]?.body).toBe('no marker');
  });

  it('reopens its closed issue when there is something to report again', async () => {
    github.addIssue({ title: ISSUE_TITLE, body: `${ISSUE_MARKER}\nold`, state: 'closed', user: BOT });
    expect(await upsertAuditIssue(target, renderIssueBody(audit(1, 0)), true)).toEqual({
      action: 'reopened',
      number: 1,
    });
    expect(github.issues[0]?.state).toBe('open');
  });

  it('closes its issue when nothing is left, and writes nothing when there was none', async () => {
    expect(await upsertAuditIssue(target, renderIssueBody(audit(0, 0)), false)).toEqual({
      action: 'none',
      number: null,
    });
    expect(github.log.filter((r) => r.method !== 'GET')).toEqual([]);
    github.addIssue({ title: ISSUE_TITLE, body: `${ISSUE_MARKER}\nold`, state: 'open', user: BOT });
    expect(await upsertAuditIssue(target, renderIssueBody(audit(0, 0)), false)).toEqual({
      action: 'closed',
      number: 1,
    });
    expect([github.issues[0]?.state, github.issues[0]?.state_reason]).toEqual(['closed', 'completed']);
    expect(github.issues[0]?.body).toContain('Nothing ends between');
  });

  it('finds its issue on a later page of a long list', async () => {
    for (let i = 0; i < 130; i++)
      github.addIssue({ title: `t${i}`, body: 'other', state: 'open', user: BOT });
    github.addIssue({ title: ISSUE_TITLE, body: `${ISSUE_MARKER}\nours`, state: 'open', user: BOT });
    expect((await findAuditIssue(target))?.number).toBe(131);
  });
});
