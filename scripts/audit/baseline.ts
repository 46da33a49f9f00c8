/**
 * The go-live baseline (`governance/baseline.json`, reviewed and owned by the Director): the commit of the
 * default branch from which the audit is binding. Commits at or before it in the first-parent chain are
 * the history before the rules applied and are not judged; every commit after it must be a proven,
 * approved merge. Without the file the baseline is the branch's first commit, so that everything after
 * the repository was created is judged. A file that names no commit of the chain is a problem and is not
 * used (fail closed: the first commit again).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../core/paths.ts';
import { loadRequestText } from '../request/load.ts';
import type { SchemaNode } from '../request/messages.ts';
import { compileSchema, type SchemaCheck } from '../request/schema-check.ts';
import type { LocatedError } from '../request/types.ts';

export const BASELINE_PATH = 'governance/baseline.json';
const schemaPath = join(repoRoot, 'schemas', 'baseline.schema.json');

let check: SchemaCheck | undefined;
function baselineCheck(): SchemaCheck {
  check ??= compileSchema(JSON.parse(readFileSync(schemaPath, 'utf8')) as SchemaNode);
  return check;
}

export interface Baseline {
  /** Position in the first-parent chain (oldest first) of the last commit not judged. */
  index: number;
  commit: string;
  /** Where it comes from: the reviewed file, or the first commit by default. */
  source: 'file' | 'first-commit';
}

/** The baseline of a chain (`chain` oldest first), from the file's text when there is one. */
export function readBaseline(
  text: string | undefined,
  chain: readonly string[],
): { baseline: Baseline; errors: LocatedError[] } {
  const first: Baseline = { index: 0, commit: chain[0] ?? '', source: 'first-commit' };
  if (text === undefined) return { baseline: first, errors: [] };
  const loaded = loadRequestText(BASELINE_PATH, text);
  if (loaded.errors.length > 0) return { baseline: first, errors: loaded.errors };
  const problems = baselineCheck()(loaded.request);
  if (problems.length > 0) {
    const errors = problems.map((p) => ({
      file: BASELINE_PATH,
      ...loaded.locate(p.pointer, { key: p.atKey }),
      path: p.pointer,
      message: p.message,
    }));
    return { baseline: first, errors };
  }
  const commit = (loaded.request as { commit: string }).commit.toLowerCase();
  const index = chain.indexOf(commit);
  if (index < 0) {
    const at = loaded.locate('/commit', { key: false });
    const message = `${commit} is not a commit of the branch's first-parent history; the baseline is its first commit`;
    return { baseline: first, errors: [{ file: BASELINE_PATH, ...at, path: '/commit', message }] };
  }
  return { baseline: { index, commit, source: 'file' }, errors: [] };
}
