import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditResult, RegisterRow } from '../../scripts/audit/audit.ts';
import {
  CSV_COLUMNS,
  csvColumnsMarkdown,
  renderCsv,
  renderJson,
  renderMarkdown,
  violationKindsMarkdown,
  violationLines,
} from '../../scripts/audit/render.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import { csvField } from '../../scripts/render/escape.ts';
import { csvRecords } from '../support/csv.ts';

/** A row whose every repository-supplied value tries something. */
const hostile: RegisterRow = {
  request: 'evil|id',
  program: 'calnet',
  file: 'requests/calnet/evil|id.yaml',
  change: 'added',
  commit: 'a'.repeat(40),
  kind: 'merge',
  pr: 9,
  merge_signature: 'github',
  date: '2026-02-01T10:00:00+00:00',
  evaluation_date: '2026-02-01',
  merged_by: { name: '=HYPERLINK("http://x","y") <img src=x> @ca-cdt/stnd-director', email: 'm@x.example' },
  merger_handle: null,
  handle_source: null,
  owners: ['@ca-cdt/calnet-approvers', '@alice'],
  owners_rule: '.github/CODEOWNERS:3 /requests/calnet/',
  merger_is_owner: false,
  outcome: 'invalid',
  grounds: [],
  deficiencies: [],
  errors: ['3:1 "agency" is missing, see [link](http://x)', 'second, "quoted"\nline'],
  policy_digest: `sha256:${'b'.repeat(64)}`,
  agency: '=cmd|" /c calc"!A1',
  services: ['wan-data', '<script>alert(1)</script>'],
  granted: true,
  opened_at: '2026-01-20T09:00:00Z',
  renews: '<b>x</b>',
  term: { from: '2026-02-01', months: 12, extension_months: 0, through: '2027-01-31', source: 'decision' },
  current: true,
  reviews: [{ login: 'alice', commit: 'c'.repeat(40), current: false }],
  api_confirmed: null,
  violations: ['merger-not-owner', 'decision-not-acceptable'],
};

const result: AuditResult = {
  branch: 'main',
  head: 'd'.repeat(40),
  as_of: '2026-03-01',
  expiring_within_days: 90,
  notice_days: [90, 60, 30],
  rows: [hostile],
  chains: [{ ids: ['@ca-cdt/stnd-director', hostile.request], broken_at: '<img src=x>' }],
  violations: [
    {
      kind: 'merger-not-owner',
      commit: hostile.commit,
      via: 'merge',
      pr: 9,
      path: hostile.file,
      date: hostile.date,
      detail: 'merged by =x <b> | @mallory',
    },
  ],
  expiring: [],
  policies: [],
  problems: [
    { file: '.github/CODEOWNERS', commit: 'e'.repeat(40), line: 4, column: 1, message: 'bad <line>' },
  ],
  enriched: false,
  decisions: null,
  queue: null,
  stats: { commits: 3, audited_commits: 1, compilations: 1, milliseconds: 5 },
};

describe('the CSV register for auditors', () => {
  it('has the documented columns, one record per row, quoted by RFC 4180', () => {
    const records = csvRecords(renderCsv(result));
    expect(records[0]).toEqual(CSV_COLUMNS.map((c) => c.name));
    expect(records).toHaveLength(2);
    const row = Object.fromEntries((records[0] ?? []).map((name, i) => [name, records[1]?.[i]]));
    expect(row.request).toBe('evil|id');
    // A line break inside a cell is shown, not kept: one record per line for every spreadsheet and grep.
    expect(row.errors).toBe('3:1 "agency" is missing, see [link](http://x); second, "quoted"\\u000aline');
    expect(row.merger_is_owner).toBe('no');
    expect(row.approving_reviews).toBe(`alice@${'c'.repeat(12)} (stale)`);
    expect(row.violations).toBe('merger-not-owner decision-not-acceptable');
  });

  it('starts with a byte-order mark, so a spreadsheet reads accents as UTF-8', () => {
    expect(renderCsv(result).startsWith('\uFEFFrequest,program,')).toBe(true);
  });

  it('ends records with CRLF by default, as RFC 4180 and spreadsheets expect, and with LF when asked', () => {
    const crlf = renderCsv(result);
    const lf = renderCsv(result, { lineEnding: 'lf' });
    expect(crlf.endsWith('\r\n')).toBe(true);
    expect(crlf.split('\r\n').length).toBe(result.rows.length + 2);
    expect(lf).not.toContain('\r');
    expect(lf.split('\n').length).toBe(result.rows.length + 2);
    expect(csvRecords(lf)).toEqual(csvRecords(crlf));
  });

  it('keeps spreadsheets from reading a field as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@ca-cdt/calnet-approvers @alice')).toBe("'@ca-cdt/calnet-approvers @alice");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('plain')).toBe('plain');
    const records = csvRecords(renderCsv(result));
    for (const value of records[1] ?? []) expect(value).not.toMatch(/^[=+\-@]/);
  });
});

describe('the markdown register', () => {
  const markdown = renderMarkdown(result);
  const tableLines = (heading: string): string[] => {
    const section = markdown.split(`## ${heading}`)[1]?.split('\n## ')[0] ?? '';
    return section.split('\n').filter((l) => l.startsWith('|'));
  };
  /** Cells of a table line, splitting only on pipes that are not escaped. */
  const cells = (line: string): number => line.split(/(?<!\\)\|/).length - 2;

  it('keeps every table row to its columns whatever the repository text holds', () => {
    for (const heading of ['Register', 'Violations']) {
      const lines = tableLines(heading);
      expect(lines.length).toBeGreaterThan(2);
      const width = cells(lines[0] ?? '');
      for (const line of lines) expect(cells(line)).toBe(width);
    }
  });

  it('pings nobody and lets no HTML or link through', () => {
    expect(markdown).not.toMatch(/@(ca-cdt|alice|mallory)/);
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('<b>');
    expect(markdown).not.toContain('<line>');
    expect(markdown).not.toMatch(/(?<!\\)\]\(http/);
  });

  it('shows each line of renewals from the first exemption to the latest, and where it is broken', () => {
    const section = markdown.split('## Renewals')[1]?.split('\n## ')[0] ?? '';
    expect(section).toContain('(not on the branch) → ');
    expect(section.match(/ → /g)).toHaveLength(2);
  });

  it('explains each violation kind found and lists problems with their place', () => {
    expect(markdown).toContain('- `merger-not-owner`: ');
    expect(markdown).toContain('CODEOWNERS:4:1');
  });
});

describe('the JSON register and the verify lines', () => {
  it('is the whole result as one JSON document with a format number', () => {
    const parsed = JSON.parse(renderJson(result)) as { format: number; rows: unknown[] };
    expect(parsed.format).toBe(1);
    expect(parsed.rows).toEqual(JSON.parse(JSON.stringify(result.rows)));
  });

  it('gives one plain line per violation', () => {
    expect(violationLines(result)).toEqual([
      `merger-not-owner: ${hostile.file} at ${'a'.repeat(12)} (PR #9) on 2026-02-01: merged by =x <b> | @mallory`,
    ]);
  });
});

describe('docs/audit.md', () => {
  const page = readFileSync(join(repoRoot, 'docs', 'audit.md'), 'utf8');

  it('carries the table of CSV columns exactly as the code defines them', () => {
    expect(page).toContain(csvColumnsMarkdown());
  });

  it('carries the table of violation kinds exactly as the code defines them', () => {
    expect(page).toContain(violationKindsMarkdown());
  });
});
