/**
 * Which files a pull request changes, and what kind of file each is. The integrity rule (SPEC section 6)
 * rests on this: a pull request that changes requests together with anything that judges requests
 * (policies, reference data, schemas, scripts, workflows, CODEOWNERS and the approver identities) cannot be
 * judged by its own changes.
 */

import picomatch from 'picomatch';
import { gitText } from '../core/git.ts';
import { PROGRAM_FOLDERS } from '../request/discover.ts';

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'type-changed' | 'other';

/**
 * - `request`: a request file, `requests/<program>/<id>.yaml`;
 * - `attachment`: a supporting document, inside `requests/<program>/<id>/`;
 * - `misplaced`: anything else under `requests/` (CODEOWNERS routes by program folder, so it cannot stay);
 * - `judging`: a file that decides how requests are judged or who approves them;
 * - `other`: documentation, tests, examples.
 */
export type ChangeKind = 'request' | 'attachment' | 'misplaced' | 'judging' | 'other';

export interface ChangedFile {
  path: string;
  status: ChangeStatus;
  kind: ChangeKind;
  /** For `judging` files: which group of the integrity rule the file belongs to. */
  group?: JudgingGroup;
}

export type JudgingGroup = 'policies' | 'schemas' | 'reference-data' | 'scripts' | 'workflows' | 'codeowners';

/**
 * The files that judge requests, by group. The one list the integrity rule, the workflow's check and the
 * comment all read. Reference data lives under `policies/reference/`; it is named on its own because it has
 * its own owners. Order matters: the first matching group names the file.
 */
export const JUDGING_FILES: readonly { group: JudgingGroup; globs: readonly string[] }[] = [
  { group: 'codeowners', globs: ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', 'governance/**'] },
  { group: 'reference-data', globs: ['policies/reference/**'] },
  { group: 'policies', globs: ['policies/**', 'compiled/**'] },
  { group: 'schemas', globs: ['schemas/**'] },
  { group: 'workflows', globs: ['.github/**', '.ci/**'] },
  {
    group: 'scripts',
    globs: ['scripts/**', 'bin/**', 'package.json', 'package-lock.json', 'toolchain.json', 'tsconfig.json'],
  },
];

const judgingMatchers = JUDGING_FILES.map(({ group, globs }) => ({
  group,
  match: picomatch(globs as string[], { dot: true }),
}));

const programPattern = PROGRAM_FOLDERS.join('|');
const requestFile = new RegExp(`^requests/(${programPattern})/[^/]+\\.ya?ml$`);
const attachmentFile = new RegExp(`^requests/(${programPattern})/[^/]+/.+`);

export function classifyPath(path: string): { kind: ChangeKind; group?: JudgingGroup } {
  if (requestFile.test(path)) return { kind: 'request' };
  if (attachmentFile.test(path)) return { kind: 'attachment' };
  if (path.startsWith('requests/')) return { kind: 'misplaced' };
  const judging = judgingMatchers.find(({ match }) => match(path));
  return judging ? { kind: 'judging', group: judging.group } : { kind: 'other' };
}

export function classify(path: string, status: ChangeStatus): ChangedFile {
  const { kind, group } = classifyPath(path);
  return group ? { path, status, kind, group } : { path, status, kind };
}

/**
 * A path that is safe to echo into links, annotations and artifacts: relative, no `.` or `..` segments,
 * letters, digits, `.`, `_`, `-` and `/` only. Anything else is reported by count, never by name.
 */
export function isSafeRepoPath(path: string): boolean {
  if (path.length === 0 || path.length > 300) return false;
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '.' && segment !== '..');
}

/** Orders by code point, not locale, so every machine lists files in the same order. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byPath = (a: { path: string }, b: { path: string }): number => comparePaths(a.path, b.path);

function statusOf(letter: string): ChangeStatus {
  switch (letter[0]) {
    case 'A':
      return 'added';
    case 'M':
      return 'modified';
    case 'D':
      return 'deleted';
    case 'T':
      return 'type-changed';
    default:
      return 'other';
  }
}

/** Parses `git diff --name-status -z` output: status and path, NUL-separated (renames are switched off). */
export function parseNameStatus(output: string): { path: string; status: ChangeStatus }[] {
  const fields = output.split('\0').filter((f) => f.length > 0);
  const entries: { path: string; status: ChangeStatus }[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    entries.push({ status: statusOf(fields[i] ?? ''), path: fields[i + 1] ?? '' });
  }
  return entries;
}

/**
 * The files changed between the merge base of `base` and `head` and `head` (`git diff base...head`), as a
 * pull request shows them. Renames count as a deletion and an addition so both paths are classified.
 */
export function changedFiles(base: string, head: string, cwd: string): ChangedFile[] {
  const out = gitText(cwd, ['diff', '--name-status', '-z', '--no-renames', `${base}...${head}`, '--']);
  return parseNameStatus(out)
    .map(({ path, status }) => classify(path, status))
    .sort(byPath);
}

/**
 * The files the working tree changes against the merge base of `base` and HEAD, untracked files included:
 * what a pull request from this branch would show once committed and pushed.
 */
export function workingTreeChanges(base: string, cwd: string): ChangedFile[] {
  const mergeBase = gitText(cwd, ['merge-base', base, 'HEAD']).trim();
  const tracked = parseNameStatus(
    gitText(cwd, ['diff', '--name-status', '-z', '--no-renames', mergeBase, '--']),
  );
  const untracked = gitText(cwd, ['ls-files', '--others', '--exclude-standard', '-z'])
    .split('\0')
    .filter((p) => p.length > 0)
    .map((path) => ({ path, status: 'added' as const }));
  const changes = new Map<string, ChangedFile>();
  for (const { path, status } of [...tracked, ...untracked]) changes.set(path, classify(path, status));
  return [...changes.values()].sort(byPath);
}

export interface IntegrityFinding {
  /** True when requests (or their documents) change together with judging files. */
  tripped: boolean;
  requestFiles: string[];
  judgingFiles: { path: string; group: JudgingGroup }[];
}

export function checkIntegrity(changes: readonly ChangedFile[]): IntegrityFinding {
  const requestFiles = changes
    .filter((c) => c.kind === 'request' || c.kind === 'attachment' || c.kind === 'misplaced')
    .map((c) => c.path);
  const judgingFiles = changes.flatMap((c) =>
    c.kind === 'judging' && c.group ? [{ path: c.path, group: c.group }] : [],
  );
  return { tripped: requestFiles.length > 0 && judgingFiles.length > 0, requestFiles, judgingFiles };
}

/** The groups of judging files whose change is a change to the rules that decide requests. */
const RULE_GROUPS: readonly JudgingGroup[] = ['policies', 'schemas', 'reference-data'];

/** Whether changed files change the rules: a file under `policies/` (reference data included) or `schemas/`. */
export function rulesChangedIn(changes: readonly ChangedFile[]): boolean {
  return changes.some(
    (change) => change.kind === 'judging' && change.group !== undefined && RULE_GROUPS.includes(change.group),
  );
}
