/**
 * The register for auditors (CSV, whose columns are defined here once and documented in docs/audit.md),
 * for readers (markdown) and for tools (JSON). Every value that comes from the repository (names, emails,
 * request ids, CODEOWNERS entries) is escaped: no markdown or HTML injection, no @-mention pings, no
 * spreadsheet formulas.
 */
import { csvField, markdownCode, markdownText, terminalText } from '../render/escape.ts';
import { countText } from '../render/report.ts';
import type { AuditResult, RegisterRow } from './audit.ts';
import { DENIAL_LABEL, type DecisionEntry } from './decisions.ts';
import type { ExpiryItem } from './expiry.ts';
import { VIOLATION_KINDS, type Violation } from './violations.ts';

export type RegisterFormat = 'markdown' | 'csv' | 'json';

/** One CSV column: its header, what it means for an auditor, and how a row fills it. */
export interface CsvColumn<T = RegisterRow> {
  name: string;
  meaning: string;
  value: (row: T) => string;
}

const yesNo = (value: boolean | null): string => (value === null ? 'unknown' : value ? 'yes' : 'no');

export const CSV_COLUMNS: CsvColumn[] = [
  { name: 'request', meaning: 'Request id (the file name without .yaml).', value: (r) => r.request },
  { name: 'program', meaning: 'calnet or cgen (the folder of the request).', value: (r) => r.program },
  { name: 'file', meaning: 'Path of the request file in the repository.', value: (r) => r.file },
  {
    name: 'change',
    meaning: 'added, modified, removed, or documents (only its supporting documents changed) by this commit.',
    value: (r) => r.change,
  },
  {
    name: 'current',
    meaning: 'yes on the latest change of a request still on the branch at the audit date.',
    value: (r) => yesNo(r.current),
  },
  {
    name: 'commit',
    meaning: 'The commit on the default branch that brought the change (the merge commit for a merge).',
    value: (r) => r.commit,
  },
  {
    name: 'kind',
    meaning: 'merge, squash, rebase, local-merge or direct-push: how the change reached the branch.',
    value: (r) => r.kind,
  },
  {
    name: 'pr',
    meaning: 'Pull-request number (from the merge message, or from GitHub with a token); empty if none.',
    value: (r) => (r.pr === null ? '' : String(r.pr)),
  },
  {
    name: 'merge_signature',
    meaning:
      'For a commit that claims GitHub made it: github (signed with a key of governance/merge-signing-keys.asc), unsigned, unknown-key or bad (a signature that does not verify); empty for other commits.',
    value: (r) => r.merge_signature ?? '',
  },
  {
    name: 'date',
    meaning: 'When the change reached the branch (ISO 8601, as git recorded it).',
    value: (r) => r.date,
  },
  {
    name: 'evaluation_date',
    meaning: 'The same date as a UTC day: the evaluation date used to re-evaluate the request.',
    value: (r) => r.evaluation_date,
  },
  {
    name: 'merged_by_name',
    meaning:
      'Name git records for who merged (merge author; committer of a direct push); empty for squash/rebase.',
    value: (r) => r.merged_by?.name ?? '',
  },
  {
    name: 'merged_by_email',
    meaning: 'Email git records for the same person.',
    value: (r) => r.merged_by?.email ?? '',
  },
  {
    name: 'merger_handle',
    meaning: 'GitHub handle of the approver: from the identity mapping, or from GitHub with a token.',
    value: (r) => r.merger_handle ?? '',
  },
  {
    name: 'handle_source',
    meaning: 'mapping (governance/identities.json) or github (the pull request merged_by).',
    value: (r) => r.handle_source ?? '',
  },
  {
    name: 'api_confirmed',
    meaning:
      'With a token: yes when GitHub says the pull request was merged as exactly this commit (so its merged_by is the approver), no when it says otherwise; empty without a token: the approver rests on the signature and the identity mapping, unconfirmed by the API.',
    value: (r) => (r.api_confirmed === null ? '' : yesNo(r.api_confirmed)),
  },
  {
    name: 'owners',
    meaning: 'Code owners of the request file under the CODEOWNERS in force at the first parent.',
    value: (r) => r.owners.join(' '),
  },
  {
    name: 'owners_rule',
    meaning: 'The CODEOWNERS line that decided (file:line pattern); the last matching pattern wins.',
    value: (r) => r.owners_rule ?? '',
  },
  {
    name: 'merger_is_owner',
    meaning:
      'yes if the approver was among those owners on that day (team membership by date); unknown if the approver cannot be recovered.',
    value: (r) => yesNo(r.merger_is_owner),
  },
  {
    name: 'outcome',
    meaning:
      'Decision re-evaluated with the policy, schema and reference data of the first parent: a policy outcome, invalid, or unavailable; empty for a removal.',
    value: (r) => r.outcome ?? '',
  },
  {
    name: 'grounds',
    meaning: 'Grounds the decision found (space-separated).',
    value: (r) => r.grounds.join(' '),
  },
  {
    name: 'deficiencies',
    meaning: 'Deficiency codes of the decision (space-separated).',
    value: (r) => r.deficiencies.join(' '),
  },
  {
    name: 'errors',
    meaning:
      'Why the request was invalid or could not be judged (line:column of the request file), separated by "; ".',
    value: (r) => r.errors.join('; '),
  },
  {
    name: 'policy_digest',
    meaning:
      'Digest of the compiled policy and reference data that decided (as the pull-request check reports it).',
    value: (r) => r.policy_digest ?? '',
  },
  { name: 'agency', meaning: 'The agency code the request names.', value: (r) => r.agency },
  {
    name: 'services',
    meaning: 'The catalog codes of the services the request names (space-separated).',
    value: (r) => r.services.join(' '),
  },
  {
    name: 'granted',
    meaning:
      'yes when this change stands as a granted exemption: approved (or there at the baseline) and ready-for-decision at its merge.',
    value: (r) => yesNo(r.granted),
  },
  {
    name: 'renews',
    meaning: 'The id of the granted exemption this request renews or extends, as it names it; empty if none.',
    value: (r) => r.renews ?? '',
  },
  {
    name: 'term_from',
    meaning: 'First day of the term the exemption covers (the contract start); empty when there is no term.',
    value: (r) => r.term?.from ?? '',
  },
  {
    name: 'term_through',
    meaning: 'Last day the exemption covers; the expiry notices count to it.',
    value: (r) => r.term?.through ?? '',
  },
  {
    name: 'term_months',
    meaning:
      'Months covered: the contract length plus the optional extension months the request asked to be covered.',
    value: (r) => (r.term ? String(r.term.months) : ''),
  },
  {
    name: 'term_source',
    meaning:
      'decision: the decision at the merge stated the term; contract: the policy of that day stated none, so the contract start plus its length.',
    value: (r) => r.term?.source ?? '',
  },
  {
    name: 'approving_reviews',
    meaning:
      'With a token only: approving reviews as login@commit, marked stale when the approved commit is not the merged head.',
    value: (r) =>
      r.reviews.map((v) => `${v.login}@${v.commit.slice(0, 12)}${v.current ? '' : ' (stale)'}`).join(' '),
  },
  {
    name: 'opened_at',
    meaning:
      'With a token only: when the pull request was opened (ISO 8601), the start of its time to decision.',
    value: (r) => r.opened_at ?? '',
  },
  {
    name: 'violations',
    meaning: 'Violation kinds found for this change (space-separated); see the list of kinds.',
    value: (r) => r.violations.join(' '),
  },
];

/** Spreadsheets such as Excel read a CSV file as UTF-8 only when it starts with a byte-order mark. */
const BYTE_ORDER_MARK = '\uFEFF';

/** How CSV records end: CRLF as RFC 4180 and spreadsheets expect, or LF for line-oriented tools. */
export type LineEnding = 'crlf' | 'lf';
export const LINE_ENDINGS: readonly LineEnding[] = ['crlf', 'lf'];

export interface RenderOptions {
  /** CSV only (default crlf). */
  lineEnding?: LineEnding;
}

/**
 * RFC 4180 CSV, starting with a byte-order mark so that names with accents open intact in a
 * spreadsheet: a header of the column names, then one record per item. A line break inside a field is
 * shown escaped (csvField), so the record ending is the only one.
 */
function csvOf<T>(columns: CsvColumn<T>[], items: readonly T[], options: RenderOptions = {}): string {
  const eol = options.lineEnding === 'lf' ? '\n' : '\r\n';
  const lines = [columns.map((c) => c.name).join(',')];
  for (const item of items) lines.push(columns.map((c) => csvField(c.value(item))).join(','));
  return `${BYTE_ORDER_MARK}${lines.join(eol)}${eol}`;
}

export function renderCsv(result: AuditResult, options: RenderOptions = {}): string {
  return csvOf(CSV_COLUMNS, result.rows, options);
}

function table(headers: string[], rows: string[][]): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

const short = (sha: string): string => sha.slice(0, 12);

function mergeCell(pr: number | null, kind: string, commit: string, signature: string | null = null): string {
  // A commit that claims to be GitHub's but is not proven says so where the merge is shown.
  const proof = signature !== null && signature !== 'github' ? `(${signature})` : '';
  return [pr === null ? '' : `#${pr}`, kind, markdownCode(short(commit)), proof].filter(Boolean).join(' ');
}

function mergerCell(row: RegisterRow): string {
  if (row.merger_handle) return markdownText(row.merger_handle);
  if (row.merged_by) return `${markdownText(row.merged_by.name)} (unmapped)`;
  return 'unknown';
}

function registerTable(rows: RegisterRow[]): string[] {
  if (rows.length === 0) return ['No request has been changed on the branch.'];
  return table(
    [
      'Request',
      'Change',
      'Merge',
      'Date',
      'Merged by',
      'Owners',
      'Owner?',
      'Outcome',
      'Policy',
      'Term through',
      'Violations',
    ],
    rows.map((r) => [
      `${markdownText(r.request)} (${r.program})${r.current ? '' : ' \\*'}`,
      r.change,
      mergeCell(r.pr, r.kind, r.commit, r.merge_signature),
      r.evaluation_date,
      mergerCell(r),
      r.owners.map(markdownText).join(' ') || 'none',
      r.merger_is_owner === null ? 'unknown' : r.merger_is_owner ? 'yes' : '**no**',
      r.outcome === null
        ? ''
        : r.errors.length > 0
          ? `${r.outcome}: ${markdownText(r.errors[0] ?? '')}`
          : r.outcome,
      r.policy_digest ? markdownCode(r.policy_digest.slice(0, 19)) : '',
      r.term ? `${r.term.through}${r.term.source === 'contract' ? ' (contract)' : ''}` : '',
      r.violations.join(', '),
    ]),
  );
}

function expiryTable(items: ExpiryItem[], result: AuditResult): string[] {
  if (items.length === 0) {
    return [`Nothing ends between ${result.as_of} and ${result.expiring_within_days} days later.`];
  }
  return table(
    ['Ends', 'Days left', 'Notice', 'What', 'Agency', 'Request', 'Detail'],
    items.map((i) => [
      i.date,
      String(i.days_left),
      i.notice_days === null ? '' : `${i.notice_days}-day`,
      i.kind,
      markdownText(i.agency),
      i.request ? markdownText(i.request) : '',
      markdownText(i.detail),
    ]),
  );
}

/** Renewal lines shown in Markdown; the JSON register has them all. */
const CHAINS_SHOWN = 200;

/** Each line of renewals, first exemption to latest; a broken link names the id no exemption on the branch has. */
function chainLines(result: AuditResult): string[] {
  const chains = result.chains.filter((c) => c.ids.length > 1 || c.broken_at !== null);
  if (chains.length === 0) return ['No exemption on the branch renews another.'];
  const lines = chains.slice(0, CHAINS_SHOWN).map((c) => {
    const start = c.broken_at ? `${markdownText(c.broken_at)} (not on the branch) → ` : '';
    return `- ${start}${c.ids.map(markdownText).join(' → ')}`;
  });
  if (chains.length > CHAINS_SHOWN)
    lines.push(`- … ${chains.length - CHAINS_SHOWN} more in the JSON register`);
  return lines;
}

function violationTable(violations: Violation[]): string[] {
  if (violations.length === 0) return ['None.'];
  return table(
    ['Kind', 'Merge', 'Date', 'Path', 'Detail'],
    violations.map((v) => [
      `\`${v.kind}\``,
      mergeCell(v.pr, v.via, v.commit),
      v.date.slice(0, 10),
      markdownText(v.path),
      markdownText(v.detail),
    ]),
  );
}

function heading(result: AuditResult): string[] {
  const requests = new Set(result.rows.map((r) => r.file)).size;
  return [
    `Branch ${markdownText(result.branch)} at ${markdownCode(short(result.head))}, as of ${result.as_of}: ` +
      `${countText(result.rows.length, 'change')} to ${countText(requests, 'request')}, ${countText(result.violations.length, 'violation')}` +
      `${result.enriched ? ', cross-checked with GitHub' : ': merges proven by their signatures, approvers unconfirmed by the API (no token)'}.`,
  ];
}

/** How many rows of each long table a Markdown rendering shows; the rest is counted, not shown. */
interface Shown {
  rows: number;
  expiring: number;
  violations: number;
}

const allShown = (result: AuditResult): Shown => ({
  rows: result.rows.length,
  expiring: result.expiring.length,
  violations: result.violations.length,
});

/** The first `shown` lines of a table (its header kept), and a line counting what was left out. */
function cut<T>(items: T[], shown: number, render: (items: T[]) => string[], where: string): string[] {
  if (shown >= items.length) return render(items);
  return [...render(items.slice(0, shown)), '', `… and ${items.length - shown} more: ${where}.`];
}

/**
 * Renders with as many rows of each long table as fit in `limit` characters, cutting the longest table
 * first. GitHub refuses an issue body over 65,536 characters and a job summary over 1 MiB.
 */
function fitted(
  result: AuditResult,
  limit: number,
  render: (shown: Shown) => string,
  shown: Shown = allShown(result),
): string {
  let text = render(shown);
  while (text.length > limit && (shown.rows > 0 || shown.expiring > 0 || shown.violations > 0)) {
    const longest = (['rows', 'expiring', 'violations'] as const).reduce((a, b) =>
      shown[a] >= shown[b] ? a : b,
    );
    shown[longest] = Math.floor(shown[longest] * 0.8);
    text = render(shown);
  }
  if (text.length <= limit) return text;
  // Only the fixed parts are left and still too long: cut at a line, never inside one.
  return `${text.slice(0, text.lastIndexOf('\n', limit - 200))}\n\n… cut to fit: run the audit for all.\n`;
}

function renderMarkdownShown(result: AuditResult, shown: Shown, where: string): string {
  const out = ['# Register of exemption requests', '', ...heading(result), ''];
  out.push('## Register', '', ...cut(result.rows, shown.rows, registerTable, where), '');
  if (result.rows.some((r) => !r.current)) out.push('\\* superseded by a later change, or removed.', '');
  out.push(
    `## Expiring within ${result.expiring_within_days} days`,
    '',
    ...cut(result.expiring, shown.expiring, (items) => expiryTable(items, result), where),
    '',
  );
  out.push('## Renewals', '', ...chainLines(result), '');
  out.push('## Violations', '', ...cut(result.violations, shown.violations, violationTable, where), '');
  if (result.violations.length > 0) {
    const kinds = [...new Set(result.violations.map((v) => v.kind))];
    out.push(...kinds.map((k) => `- \`${k}\`: ${VIOLATION_KINDS[k]}.`), '');
  }
  out.push('## Policy versions', '');
  if (result.policies.length === 0) out.push('No merge was re-evaluated.', '');
  else {
    out.push(
      ...table(
        ['Sources', 'Built policy', 'Extracted from', 'Error'],
        result.policies.map((p) => [
          markdownCode(p.source_digest.slice(0, 19)),
          p.digest ? markdownCode(p.digest) : '',
          markdownCode(short(p.first_commit)),
          p.error ? markdownText(p.error) : '',
        ]),
      ),
      '',
    );
  }
  if (result.problems.length > 0) {
    out.push('## Problems', '');
    for (const p of result.problems) {
      const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
      out.push(
        `- ${markdownText(where)}${p.commit ? ` at ${markdownCode(short(p.commit))}` : ''}: ${markdownText(p.message)}`,
      );
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/** The whole register in Markdown, for `audit --format markdown`. */
export function renderMarkdown(result: AuditResult): string {
  return renderMarkdownShown(result, allShown(result), 'run the audit for all');
}

/** GitHub keeps at most 1 MiB of a step's job summary; a little is left for the rest of the step. */
const SUMMARY_LIMIT = 1_000_000;

/** The register for a job summary: whole when it fits, else cut, pointing at the run's artifact. */
export function renderSummary(result: AuditResult): string {
  return fitted(result, SUMMARY_LIMIT, (shown) =>
    renderMarkdownShown(result, shown, "the whole register is in this run's exemptions-audit artifact"),
  );
}

export function renderJson(result: AuditResult): string {
  return `${JSON.stringify({ format: 1, ...result }, null, 2)}\n`;
}

/** One column of the decision log's CSV, named and documented like the register's. */
export const DECISION_COLUMNS: CsvColumn<DecisionEntry>[] = [
  { name: 'pr', meaning: 'The pull request, closed without a merge.', value: (d) => String(d.pr) },
  { name: 'title', meaning: 'Its title, as the agency wrote it.', value: (d) => d.title },
  {
    name: 'requests',
    meaning: 'The request files it changed (space-separated).',
    value: (d) => d.requests.join(' '),
  },
  {
    name: 'decision',
    meaning: `denied (the label "${DENIAL_LABEL}"), withdrawn (closed by its author) or closed (no recorded decision).`,
    value: (d) => d.decision,
  },
  {
    name: 'decided_by',
    meaning: 'Login of who applied the denial label, or closed it.',
    value: (d) => d.decided_by ?? '',
  },
  {
    name: 'decided_at',
    meaning: 'When (ISO 8601, as GitHub recorded it).',
    value: (d) => d.decided_at ?? '',
  },
  {
    name: 'authorized',
    meaning:
      'For a denial: yes if the decider owned every request changed that day (CODEOWNERS and identities at the tip).',
    value: (d) => (d.authorized === null ? '' : yesNo(d.authorized)),
  },
];

/** The decision log in a format; null when it was not built (no token). */
export function renderDecisions(
  result: AuditResult,
  format: RegisterFormat,
  options: RenderOptions = {},
): string | null {
  const decisions = result.decisions;
  if (decisions === null) return null;
  if (format === 'json') return `${JSON.stringify({ format: 1, as_of: result.as_of, decisions }, null, 2)}\n`;
  if (format === 'csv') return csvOf(DECISION_COLUMNS, decisions, options);
  const out = [
    '# Decision log: exemption requests closed without a merge',
    '',
    `Branch ${markdownText(result.branch)}, as of ${result.as_of}: ${countText(decisions.length, 'pull request')}.`,
    '',
  ];
  if (decisions.length === 0) out.push('None.');
  else
    out.push(
      ...table(
        ['Pull request', 'Title', 'Requests', 'Decision', 'By', 'When', 'Authorized'],
        decisions.map((d) => [
          `#${d.pr}`,
          markdownText(d.title),
          d.requests.map(markdownCode).join(' '),
          d.decision,
          d.decided_by ? markdownText(`@${d.decided_by}`) : 'unknown',
          d.decided_at ? markdownText(d.decided_at.slice(0, 10)) : '',
          d.authorized === null ? '' : yesNo(d.authorized),
        ]),
      ),
    );
  return `${out.join('\n')}\n`;
}

export function renderRegister(
  result: AuditResult,
  format: RegisterFormat,
  options: RenderOptions = {},
): string {
  if (format === 'csv') return renderCsv(result, options);
  if (format === 'json') return renderJson(result);
  return renderMarkdown(result);
}

/** The lines `--verify` prints: one per violation, terminal text (paths and details come from the repository). */
export function violationLines(result: AuditResult): string[] {
  return result.violations.map((v) => {
    const pr = v.pr === null ? '' : ` (PR #${v.pr})`;
    return terminalText(
      `${v.kind}: ${v.path} at ${short(v.commit)}${pr} on ${v.date.slice(0, 10)}: ${v.detail}`,
    );
  });
}

export const ISSUE_MARKER = '<!-- exemptions-audit -->';
/** GitHub refuses issue bodies over 65,536 characters; the rest is headroom for the marker and the link. */
const ISSUE_LIMIT = 60_000;

/** A run of this repository's workflows, the only link the issue carries. */
const RUN_URL = /^https:\/\/[A-Za-z0-9.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/actions\/runs\/\d+$/;

function countsByKind(violations: Violation[]): string[] {
  if (violations.length === 0) return ['No violation.'];
  const counts = new Map<string, number>();
  for (const v of violations) counts.set(v.kind, (counts.get(v.kind) ?? 0) + 1);
  return table(
    ['Kind', 'Count', 'Meaning'],
    [...counts].map(([kind, count]) => [
      `\`${kind}\``,
      String(count),
      VIOLATION_KINDS[kind as keyof typeof VIOLATION_KINDS],
    ]),
  );
}

/**
 * The body of the weekly issue: a summary (violations by kind, upcoming expiries, the first rows of
 * each), the hidden marker that finds it, and a link to the run whose job summary and artifact hold the
 * whole register. It always fits in an issue.
 */
export function renderIssueBody(result: AuditResult, runUrl?: string): string {
  const where = runUrl && RUN_URL.test(runUrl) ? `[the audit run](${runUrl})` : 'the audit run';
  const full = `the whole register is in ${where}: its job summary, and its exemptions-audit artifact (JSON and CSV)`;
  return fitted(
    result,
    ISSUE_LIMIT,
    (shown) =>
      [
        ISSUE_MARKER,
        '# Exemptions audit',
        '',
        ...heading(result),
        '',
        `Full register: ${full}.`,
        '',
        '## Violations by kind',
        '',
        ...countsByKind(result.violations),
        '',
        `## Expiring within ${result.expiring_within_days} days`,
        '',
        ...cut(result.expiring, shown.expiring, (items) => expiryTable(items, result), full),
        '',
        '## Violations',
        '',
        ...cut(result.violations, shown.violations, violationTable, full),
        '',
        'Rebuilt by `npx exemptions audit --verify`; see docs/audit.md for what each kind means and what to do.',
        '',
      ].join('\n'),
    // The issue shows no register rows, only expiries and violations.
    { ...allShown(result), rows: 0 },
  );
}

/** Whether an issue is worth opening: something expires soon or a rule was broken. */
export function hasFindings(result: AuditResult): boolean {
  return result.expiring.length > 0 || result.violations.length > 0;
}

/** The table of CSV columns that docs/audit.md carries (a test keeps the page equal to it). */
export function csvColumnsMarkdown(): string {
  const rows = CSV_COLUMNS.map((c, i) => `| ${i + 1} | \`${c.name}\` | ${c.meaning} |`);
  return ['| # | column | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The table of violation kinds that docs/audit.md carries. */
export function violationKindsMarkdown(): string {
  const rows = Object.entries(VIOLATION_KINDS).map(([kind, meaning]) => `| \`${kind}\` | ${meaning} |`);
  return ['| kind | meaning |', '| --- | --- |', ...rows].join('\n');
}
