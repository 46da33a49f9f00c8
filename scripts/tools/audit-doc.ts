/**
 * The two tables of docs/audit.md that the code defines (the CSV columns and the violation kinds),
 * regenerated in place by `npm run docs:policy` so the page never drifts from `scripts/audit/`.
 */
import { join } from 'node:path';
import { csvColumnsMarkdown, violationKindsMarkdown } from '../audit/render.ts';
import { repoRoot } from '../core/paths.ts';

export const auditDocPath = join(repoRoot, 'docs', 'audit.md');

/** `page` with the Markdown table that starts with `header` replaced by `table`. */
function replaceTable(page: string, table: string): string {
  const header = table.split('\n')[0] ?? '';
  const start = page.indexOf(header);
  if (start < 0) throw new Error(`docs/audit.md has no table starting "${header}"`);
  const lines = page.slice(start).split('\n');
  const rows = lines.findIndex((line) => !line.startsWith('|'));
  const end = start + lines.slice(0, rows < 0 ? lines.length : rows).join('\n').length;
  return `${page.slice(0, start)}${table}${page.slice(end)}`;
}

export function withAuditTables(page: string): string {
  return replaceTable(replaceTable(page, violationKindsMarkdown()), csvColumnsMarkdown());
}
