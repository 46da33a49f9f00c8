/**
 * The register as a static site (`audit --format html --out DIR`): one page for auditors and the
 * Director to look at rather than read: the grants, the decision log, the terms that end soon by notice,
 * the violations and the review queue, with a chart of grants and decisions per month and of the time to
 * decision. It is one more renderer of the audit's result (nothing is recomputed here), every value from
 * the repository or GitHub goes through the one HTML escaper, and the page needs no server and loads
 * nothing: its style and its small sorting and filtering script are inline, allowed by hash in its
 * Content-Security-Policy, and its charts are SVG drawn here. Every date it shows comes from the audit
 * date, never from the viewer's clock.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROGRAM_NAMES } from '../core/clauses.ts';
import { outcomeWords } from '../policy/outcomes.ts';
import { htmlText } from '../render/escape.ts';
import { countText } from '../render/report.ts';
import type { AuditResult, RegisterRow } from './audit.ts';
import { daysBetween } from './dates.ts';
import type { DecisionEntry } from './decisions.ts';
import type { ExpiryItem } from './expiry.ts';
import type { QueueEntry } from './queue.ts';
import { renderCsv } from './render.ts';
import { VIOLATION_KINDS, type Violation } from './violations.ts';

/** The files of the site, by path under its folder. */
export type SiteFiles = Map<string, string>;

/** The page's file name, and the CSV register it links to. */
export const SITE_PAGE = 'index.html';
export const SITE_CSV = 'register.csv';

/** Months the per-month chart shows, up to the audit date. */
const CHART_MONTHS = 24;

/** One column of a table: its header, its cell (already escaped HTML), and the key it sorts by. */
interface Column<T> {
  header: string;
  cell: (item: T) => string;
  /** The value sorted by, when the cell's text is not it (a date behind words, a number). */
  sort?: (item: T) => string | number;
  numeric?: boolean;
}

const short = (sha: string): string => sha.slice(0, 12);
const code = (text: string): string => `<code>${htmlText(text)}</code>`;

/**
 * A sortable, filterable table: headers are buttons (the script sorts by the column, keyboard included),
 * a search field above it hides the rows that do not contain every word typed, and a status line says
 * how many are shown. With no items, a sentence instead.
 */
function table<T>(id: string, caption: string, columns: Column<T>[], items: T[], empty: string): string {
  if (items.length === 0) return `<p>${htmlText(empty)}</p>`;
  const head = columns
    .map(
      (c, i) =>
        `<th scope="col"${c.numeric ? ' data-type="number"' : ''}><button type="button" data-column="${i}">${htmlText(c.header)}</button></th>`,
    )
    .join('');
  const body = items
    .map((item) => {
      const cells = columns.map((c) => {
        const sort = c.sort?.(item);
        const key = sort === undefined ? '' : ` data-sort="${htmlText(String(sort))}"`;
        return `<td${key}>${c.cell(item)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return [
    '<div class="filter">',
    `<label for="${id}-filter">Filter ${htmlText(caption.toLowerCase())}</label>`,
    `<input id="${id}-filter" type="search" data-filter="${id}" autocomplete="off">`,
    `<p id="${id}-count" class="count" role="status">${countText(items.length, 'row')}</p>`,
    '</div>',
    `<div class="scroll" role="region" aria-labelledby="${id}-caption" tabindex="0">`,
    `<table id="${id}" data-sortable>`,
    `<caption id="${id}-caption">${htmlText(caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
}

function mergeCell(pr: number | null, commit: string): string {
  return [pr === null ? '' : `#${pr}`, code(short(commit))].filter(Boolean).join(' ');
}

function approverCell(row: RegisterRow): string {
  if (row.merger_handle) return htmlText(row.merger_handle);
  if (row.merged_by) return `${htmlText(row.merged_by.name)} (unmapped)`;
  return 'unknown';
}

const GRANT_COLUMNS: Column<RegisterRow>[] = [
  { header: 'Request', cell: (r) => htmlText(r.request) },
  { header: 'Agency', cell: (r) => htmlText(r.agency) },
  { header: 'Program', cell: (r) => htmlText(PROGRAM_NAMES[r.program]) },
  { header: 'Services', cell: (r) => r.services.map(htmlText).join(', ') },
  { header: 'Term from', cell: (r) => htmlText(r.term?.from ?? '') },
  {
    header: 'Term ends',
    cell: (r) =>
      r.term ? `${htmlText(r.term.through)}${r.term.source === 'contract' ? ' (contract)' : ''}` : '',
    sort: (r) => r.term?.through ?? '',
  },
  { header: 'Approver', cell: approverCell },
  { header: 'Approved', cell: (r) => htmlText(r.evaluation_date) },
  { header: 'Merge', cell: (r) => mergeCell(r.pr, r.commit), sort: (r) => r.pr ?? 0, numeric: true },
  {
    header: 'Policy of its day',
    cell: (r) =>
      r.policy_digest
        ? `<code title="${htmlText(r.policy_digest)}">${htmlText(r.policy_digest.slice(0, 19))}</code>`
        : '',
  },
  { header: 'Standing', cell: (r) => (r.current ? 'current' : 'superseded or removed') },
];

const EXPIRY_COLUMNS: Column<ExpiryItem>[] = [
  { header: 'Ends', cell: (i) => htmlText(i.date) },
  { header: 'Days left', cell: (i) => String(i.days_left), numeric: true, sort: (i) => i.days_left },
  { header: 'What', cell: (i) => (i.kind === 'exemption-end' ? 'exemption term' : 'ATO term') },
  { header: 'Agency', cell: (i) => htmlText(i.agency) },
  { header: 'Request', cell: (i) => htmlText(i.request ?? '') },
  { header: 'Detail', cell: (i) => htmlText(i.detail) },
];

function outcomesCell(entry: QueueEntry): string {
  const words = entry.outcomes.map((o) => htmlText(outcomeWords(o)?.words ?? o));
  if (entry.integrity_flagged) words.push('integrity flagged');
  return words.length > 0 ? words.join(', ') : 'not evaluated yet';
}

const QUEUE_COLUMNS: Column<QueueEntry>[] = [
  { header: 'Pull request', cell: (q) => `#${q.pr}`, sort: (q) => q.pr, numeric: true },
  { header: 'Title', cell: (q) => htmlText(q.title) },
  { header: 'Requests', cell: (q) => q.requests.map(code).join(' ') },
  { header: 'Outcome', cell: outcomesCell },
  { header: 'Opened', cell: (q) => htmlText(q.opened_at.slice(0, 10)) },
  { header: 'Waiting (days)', cell: (q) => String(q.age_days), sort: (q) => q.age_days, numeric: true },
  { header: 'Opened by', cell: (q) => htmlText(q.author ?? 'unknown') },
];

const DECISION_COLUMNS: Column<DecisionEntry>[] = [
  { header: 'Pull request', cell: (d) => `#${d.pr}`, sort: (d) => d.pr, numeric: true },
  { header: 'Title', cell: (d) => htmlText(d.title) },
  { header: 'Requests', cell: (d) => d.requests.map(code).join(' ') },
  { header: 'Decision', cell: (d) => d.decision },
  { header: 'By', cell: (d) => htmlText(d.decided_by ?? 'unknown') },
  { header: 'When', cell: (d) => htmlText(d.decided_at?.slice(0, 10) ?? '') },
  {
    header: 'Authorized',
    cell: (d) => (d.authorized === null ? '' : d.authorized ? 'yes' : 'no'),
  },
];

const VIOLATION_COLUMNS: Column<Violation>[] = [
  { header: 'Kind', cell: (v) => `<span title="${htmlText(VIOLATION_KINDS[v.kind])}">${v.kind}</span>` },
  { header: 'Merge', cell: (v) => mergeCell(v.pr, v.commit), sort: (v) => v.pr ?? 0, numeric: true },
  { header: 'How', cell: (v) => v.via },
  { header: 'Date', cell: (v) => htmlText(v.date.slice(0, 10)) },
  { header: 'Path', cell: (v) => htmlText(v.path) },
  { header: 'Detail', cell: (v) => htmlText(v.detail) },
];

/** A month (YYYY-MM) and the ones before it, oldest first. */
function monthsTo(last: string, count: number): string[] {
  const [year, month] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** Per month: grants (the day each was approved), decisions (the day each was closed) and days to decision. */
interface MonthFigures {
  month: string;
  grants: number;
  decisions: number;
  /** Median days from opening to decision of what was decided that month; null when nothing timed. */
  median_days: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function monthFigures(result: AuditResult): MonthFigures[] {
  const grants = result.rows.filter((r) => r.granted);
  const decided = (result.decisions ?? []).filter((d) => d.decided_at !== null);
  const earliest = [...grants.map((r) => r.evaluation_date), ...decided.map((d) => d.decided_at ?? '')]
    .sort()
    .at(0);
  const last = result.as_of.slice(0, 7);
  const span = earliest
    ? Math.min(CHART_MONTHS, monthsTo(last, CHART_MONTHS).filter((m) => m >= earliest.slice(0, 7)).length)
    : 0;
  return monthsTo(last, Math.max(span, 1)).map((month) => {
    const granted = grants.filter((r) => r.evaluation_date.startsWith(month));
    const closed = decided.filter((d) => d.decided_at?.startsWith(month));
    const timed = [
      ...granted.flatMap((r) =>
        r.opened_at ? [daysBetween(r.opened_at.slice(0, 10), r.evaluation_date)] : [],
      ),
      ...closed.flatMap((d) =>
        d.opened_at && d.decided_at ? [daysBetween(d.opened_at.slice(0, 10), d.decided_at.slice(0, 10))] : [],
      ),
    ];
    return { month, grants: granted.length, decisions: closed.length, median_days: median(timed) };
  });
}

const CHART = { width: 720, height: 220, left: 44, bottom: 40, top: 16 };

/**
 * A bar chart as SVG: one group of bars per month, one bar per series, a y axis of whole numbers. It is
 * an image to the reader's assistive technology (its title and description), with the same figures in a
 * table below it.
 */
function barChart(
  id: string,
  title: string,
  description: string,
  months: MonthFigures[],
  series: { label: string; className: string; value: (m: MonthFigures) => number }[],
): string {
  const max = Math.max(1, ...months.flatMap((m) => series.map((s) => s.value(m))));
  const plotWidth = CHART.width - CHART.left - 8;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const slot = plotWidth / months.length;
  const bar = Math.max(2, (slot * 0.8) / series.length);
  const y = (value: number): number => CHART.top + plotHeight - (value / max) * plotHeight;
  const ticks = [0, Math.round(max / 2), max].filter((v, i, all) => all.indexOf(v) === i);
  const parts: string[] = [];
  for (const tick of ticks) {
    parts.push(
      `<line class="grid" x1="${CHART.left}" x2="${CHART.width - 8}" y1="${y(tick)}" y2="${y(tick)}"/>`,
      `<text class="axis" x="${CHART.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`,
    );
  }
  months.forEach((m, i) => {
    const x0 = CHART.left + i * slot + slot * 0.1;
    series.forEach((s, j) => {
      const value = s.value(m);
      if (value > 0)
        parts.push(
          `<rect class="${s.className}" x="${(x0 + j * bar).toFixed(1)}" y="${y(value).toFixed(1)}" width="${(bar - 1).toFixed(1)}" height="${(CHART.top + plotHeight - y(value)).toFixed(1)}"/>`,
        );
    });
    // Every month is labelled when they fit, else every third.
    if (months.length <= 12 || i % 3 === 0)
      parts.push(
        `<text class="axis" x="${(x0 + (bar * series.length) / 2).toFixed(1)}" y="${CHART.height - CHART.bottom + 16}" text-anchor="middle">${m.month}</text>`,
      );
  });
  const legend = series
    .map(
      (s) =>
        `<li><svg aria-hidden="true" width="12" height="12"><rect class="${s.className}" width="12" height="12"/></svg> ${htmlText(s.label)}</li>`,
    )
    .join('');
  const rows = months
    .map(
      (m) =>
        `<tr><th scope="row">${m.month}</th>${series.map((s) => `<td>${s.value(m)}</td>`).join('')}</tr>`,
    )
    .join('');
  return [
    `<figure aria-labelledby="${id}-caption">`,
    `<svg viewBox="0 0 ${CHART.width} ${CHART.height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${htmlText(title)}</title>`,
    `<desc id="${id}-desc">${htmlText(description)}</desc>`,
    ...parts,
    '</svg>',
    `<figcaption id="${id}-caption">${htmlText(title)}</figcaption>`,
    `<ul class="legend">${legend}</ul>`,
    `<details><summary>${htmlText(title)}: the figures</summary>`,
    `<table><thead><tr><th scope="col">Month</th>${series.map((s) => `<th scope="col">${htmlText(s.label)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`,
    '</details>',
    '</figure>',
  ].join('\n');
}

function charts(result: AuditResult): string {
  const months = monthFigures(result);
  const perMonth = barChart(
    'per-month',
    'Grants and decisions per month',
    `Exemptions granted (by the day of their approving merge) and pull requests closed without a merge (denied, withdrawn or closed), per month to ${result.as_of}.`,
    months,
    [
      { label: 'Grants', className: 'grants', value: (m) => m.grants },
      ...(result.decisions === null
        ? []
        : [
            {
              label: 'Closed without a merge',
              className: 'decisions',
              value: (m: MonthFigures) => m.decisions,
            },
          ]),
    ],
  );
  const timed = months.some((m) => m.median_days !== null);
  const time = timed
    ? barChart(
        'time-to-decision',
        'Time to decision (median days)',
        'The median number of days from a pull request being opened to its merge or its closing, by the month it was decided.',
        months,
        [{ label: 'Median days to decision', className: 'days', value: (m) => m.median_days ?? 0 }],
      )
    : `<p>No time to decision: ${result.enriched ? 'no decided pull request in these months' : 'when each pull request was opened is read from GitHub, and this audit ran without a token'}.</p>`;
  const note =
    result.decisions === null
      ? '<p>Decisions without a merge (denied, withdrawn) are read from GitHub; this audit ran without a token, so the chart shows grants only.</p>'
      : '';
  return `${perMonth}\n${note}\n${time}`;
}

function expirySections(result: AuditResult): string {
  const steps = result.notice_days.length > 0 ? result.notice_days : [result.expiring_within_days];
  const ascending = [...steps].sort((a, b) => a - b);
  const sections = ascending.map((step, i) => {
    const items = result.expiring.filter((e) =>
      result.notice_days.length > 0 ? e.notice_days === step : e.days_left <= step,
    );
    const after = i === 0 ? 0 : (ascending[i - 1] as number);
    return [
      `<h3 id="expiring-${step}-h">Within ${step} days</h3>`,
      table(
        `expiring-${step}`,
        `Ending within ${step} days${after ? ` (more than ${after})` : ''}`,
        EXPIRY_COLUMNS,
        items,
        `Nothing ends in the ${step}-day notice${after ? ` (${after + 1} to ${step} days)` : ''} from ${result.as_of}.`,
      ),
    ].join('\n');
  });
  const later = result.expiring.filter((e) => e.notice_days === null && result.notice_days.length > 0);
  if (later.length > 0)
    sections.push(
      '<h3 id="expiring-later-h">Later in the window</h3>',
      table('expiring-later', 'Ending later in the window', EXPIRY_COLUMNS, later, ''),
    );
  return sections.join('\n');
}

function section(id: string, title: string, content: string): string {
  return `<section id="${id}" aria-labelledby="${id}-h">\n<h2 id="${id}-h">${htmlText(title)}</h2>\n${content}\n</section>`;
}

const NEEDS_TOKEN = (what: string): string =>
  `<p>Not read: ${what} needs the GitHub API (git does not record an open or closed pull request). Run the audit with a token (GITHUB_TOKEN, or the variable --token-env names) and --repo.</p>`;

/** The style and the script of the page, inline and allowed by their hashes. */
const STYLE = `
:root { color: #1b1b1b; background: #fff; font: 16px/1.45 system-ui, sans-serif; }
body { margin: 0 auto; max-width: 80rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #1f4e8c; }
a { color: #1a4f8f; } a:focus, button:focus, input:focus, [tabindex]:focus, summary:focus { outline: 3px solid #b35900; outline-offset: 2px; }
nav ul { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; list-style: none; padding: 0; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.75rem; }
dl.figures div { border: 1px solid #c8c8c8; border-radius: 4px; padding: 0.5rem 0.75rem; }
dl.figures dt { font-size: 0.9rem; } dl.figures dd { margin: 0; font-size: 1.6rem; font-weight: 600; }
.filter { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin: 0.5rem 0; }
.filter input { font: inherit; padding: 0.2rem 0.4rem; min-width: 16rem; }
.count { margin: 0; color: #3d3d3d; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #c8c8c8; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: #1b1b1b; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
tr[hidden] { display: none; }
code { font-size: 0.88em; }
figure { margin: 1rem 0; } figure > svg { width: 100%; max-width: 46rem; height: auto; }
.legend { display: flex; gap: 1.5rem; list-style: none; padding: 0; }
rect.grants { fill: #1f5fa8; } rect.decisions { fill: #b35900; } rect.days { fill: #3f6e2a; }
line.grid { stroke: #d0d0d0; } text.axis { fill: #3d3d3d; font-size: 11px; }
`;

/** Sorting by a header's button and filtering by the search field; nothing is fetched. */
const SCRIPT = `
(() => {
  'use strict';
  const key = (cell) => (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim());
  const collator = new Intl.Collator('en', { numeric: true });
  for (const table of document.querySelectorAll('table[data-sortable]')) {
    const headers = Array.from(table.tHead.rows[0].cells);
    const status = document.getElementById(table.id + '-count');
    headers.forEach((header, index) => {
      const button = header.querySelector('button');
      button.addEventListener('click', () => {
        const ascending = header.getAttribute('aria-sort') !== 'ascending';
        for (const other of headers) other.removeAttribute('aria-sort');
        header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const numeric = header.dataset.type === 'number';
        // Each key is read once, not once per comparison: a register of thousands sorts at once.
        const keyed = Array.from(table.tBodies[0].rows, (row) => [key(row.cells[index]), row]);
        keyed.sort(([x], [y]) => {
          const order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
          return ascending ? order : -order;
        });
        // Rows go into a new body that replaces the old one: one layout of the table, not one per move.
        const body = table.tBodies[0];
        const sorted = document.createElement('tbody');
        for (const [, row] of keyed) sorted.append(row);
        body.replaceWith(sorted);
        status.dataset.sorted = button.textContent + (ascending ? ', ascending' : ', descending');
        status.textContent = status.textContent.replace(/;.*$/, '') + '; sorted by ' + status.dataset.sorted;
      });
    });
  }
  for (const input of document.querySelectorAll('input[data-filter]')) {
    const table = document.getElementById(input.dataset.filter);
    const status = document.getElementById(input.dataset.filter + '-count');
    const rows = Array.from(table.tBodies[0].rows, (row) => [row.textContent.toLowerCase(), row]);
    input.addEventListener('input', () => {
      const words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
      let shown = 0;
      for (const [text, row] of rows) {
        row.hidden = !words.every((word) => text.includes(word));
        if (!row.hidden) shown++;
      }
      const sorted = status.dataset.sorted ? '; sorted by ' + status.dataset.sorted : '';
      status.textContent = (words.length === 0 ? rows.length + ' rows' : shown + ' of ' + rows.length + ' rows shown') + sorted;
    });
  }
})();
`;

const hash = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The page: loads nothing, runs only its own script (by hash), submits nowhere. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${hash(SCRIPT)}`,
  `style-src ${hash(STYLE)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function figures(result: AuditResult): string {
  const current = result.rows.filter((r) => r.granted && r.current).length;
  const soonest = Math.min(
    ...(result.notice_days.length > 0 ? result.notice_days : [result.expiring_within_days]),
  );
  const items: [string, string][] = [
    ['Exemptions in force', String(current)],
    [`Ending within ${result.expiring_within_days} days`, String(result.expiring.length)],
    [`Ending within ${soonest} days`, String(result.expiring.filter((e) => e.days_left <= soonest).length)],
    ['Waiting for a decision', result.queue === null ? 'not read' : String(result.queue.length)],
    [
      'Longest wait (days)',
      result.queue === null || result.queue.length === 0
        ? '–'
        : String(Math.max(...result.queue.map((q) => q.age_days))),
    ],
    ['Violations', String(result.violations.length)],
  ];
  return `<dl class="figures">${items.map(([term, value]) => `<div><dt>${htmlText(term)}</dt><dd>${htmlText(value)}</dd></div>`).join('')}</dl>`;
}

/** The whole page. */
export function renderSitePage(result: AuditResult): string {
  const grants = result.rows.filter((r) => r.granted);
  const nav: [string, string][] = [
    ['overview', 'Overview'],
    ['grants', `Grants (${grants.length})`],
    ['expiring', `Ending soon (${result.expiring.length})`],
    ['queue', `Waiting for a decision${result.queue === null ? '' : ` (${result.queue.length})`}`],
    ['decisions', `Decision log${result.decisions === null ? '' : ` (${result.decisions.length})`}`],
    ['violations', `Violations (${result.violations.length})`],
  ];
  const proven = result.enriched
    ? 'cross-checked with GitHub'
    : 'merges proven by their signatures, approvers unconfirmed by the API (no token)';
  const body = [
    '<header>',
    '<h1>Register of CALNET MSA and CGEN exemptions</h1>',
    `<p>Rebuilt from the history of branch ${code(result.branch)} at ${code(short(result.head))}, as of <strong>${htmlText(result.as_of)}</strong>: ${countText(grants.length, 'grant')}, ${countText(result.violations.length, 'violation')}; ${proven}. Every date and age on this page counts to ${htmlText(result.as_of)}. <a href="${SITE_CSV}">The whole register as CSV</a>.</p>`,
    `<nav aria-label="Sections"><ul>${nav.map(([id, label]) => `<li><a href="#${id}">${htmlText(label)}</a></li>`).join('')}</ul></nav>`,
    '</header>',
    '<main>',
    section('overview', 'Overview', `${figures(result)}\n${charts(result)}`),
    section(
      'grants',
      'Register of grants',
      `<p>Every change to a request that stands as a granted exemption: approved by a code owner in a merge GitHub signed (or on the branch at the go-live baseline), ready for the Director's decision under the policy of its day.</p>\n${table('grants-table', 'Grants', GRANT_COLUMNS, grants, 'No exemption has been granted on the branch.')}`,
    ),
    section('expiring', 'Terms ending soon', expirySections(result)),
    section(
      'queue',
      'Waiting for a decision',
      result.queue === null
        ? NEEDS_TOKEN('the review queue')
        : `<p>Open pull requests that change requests, with the outcome the trusted check last labelled them with, and how many days each has waited by ${htmlText(result.as_of)}.</p>\n${table('queue-table', 'Review queue', QUEUE_COLUMNS, result.queue, 'No pull request is waiting for a decision.')}`,
    ),
    section(
      'decisions',
      'Decision log',
      result.decisions === null
        ? NEEDS_TOKEN('the decision log')
        : `<p>Pull requests that changed requests and were closed without a merge: denied (the label an approver applies), withdrawn by their author, or closed with no recorded decision.</p>\n${table('decisions-table', 'Decisions without a merge', DECISION_COLUMNS, result.decisions, 'No pull request that changed requests was closed without a merge.')}`,
    ),
    section(
      'violations',
      'Violations',
      table(
        'violations-table',
        'Violations, one row per change and kind',
        VIOLATION_COLUMNS,
        result.violations,
        'No violation.',
      ),
    ),
    '</main>',
    `<footer><p>Written by <code>exemptions audit --format html</code>; docs/audit.md says what each violation means and what to do.</p></footer>`,
  ].join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>Register of exemptions, as of ${htmlText(result.as_of)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The site's files: the page and the CSV register it links to. */
export function renderSite(result: AuditResult): SiteFiles {
  return new Map([
    [SITE_PAGE, renderSitePage(result)],
    [SITE_CSV, renderCsv(result)],
  ]);
}

/** Writes the site into `dir` (created when missing); returns the paths written. */
export function writeSite(result: AuditResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return [...renderSite(result)].map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
}
