/**
 * Reads what the audit needs from git: the first-parent history of a branch in one `git log` pass (every
 * change each commit made to the branch, with blob ids), and the files of one commit extracted with
 * `git archive` and blob contents come from the one git module (`extractFolders`, `readBlobs`).
 */
import { GitError, git } from '../core/git.ts';

export interface Identity {
  name: string;
  email: string;
  /** ISO 8601 with the offset git recorded. */
  date: string;
}

export type ChangeStatus = 'A' | 'M' | 'D' | 'T';

/** One file changed by a commit, relative to its first parent (renames are split into D and A). */
export interface FileChange {
  status: ChangeStatus;
  path: string;
  /** The blob after the change; null when the file was deleted. */
  blob: string | null;
}

export interface HistoryCommit {
  sha: string;
  parents: string[];
  author: Identity;
  committer: Identity;
  message: string;
  changes: FileChange[];
}

const ZERO_BLOB = /^0+$/;

/**
 * Refuses a shallow clone: its oldest commit would look like one direct push adding every file, and the
 * history before it would be missing from the register.
 */
export function assertFullHistory(repoDir: string): void {
  const shallow = git(repoDir, ['rev-parse', '--is-shallow-repository']).toString('utf8').trim();
  if (shallow === 'true') {
    throw new GitError(
      `${repoDir} is a shallow clone: the audit needs the whole history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)`,
    );
  }
}

// Fields are separated by US (0x1f) and each commit starts with RS (0x1e); the message comes last because
// it may hold any character but NUL, which `-z` uses to end the header and to separate the changes.
const FORMAT = '%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%B';

/**
 * The first-parent history of `revision`, oldest first, each commit with the changes it brought to the
 * branch (a merge's changes are those against its first parent: what the merge added to the branch).
 */
export function readHistory(repoDir: string, revision: string): HistoryCommit[] {
  const out = git(repoDir, [
    '-c',
    'core.quotePath=false',
    'log',
    '--first-parent',
    // The chain's own order, never the dates commits claim.
    '--topo-order',
    '--reverse',
    '--root',
    '--diff-merges=first-parent',
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '-z',
    `--format=${FORMAT}`,
    revision,
    '--',
  ]).toString('utf8');
  return parseHistory(out);
}

/** Parses the output of the `git log` in `readHistory` (exported for tests of odd paths and messages). */
export function parseHistory(out: string): HistoryCommit[] {
  const commits: HistoryCommit[] = [];
  const tokens = out.split('\0');
  let current: HistoryCommit | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? '').replace(/^\n+/, '');
    if (token.startsWith('\x1e')) {
      const fields = token.slice(1).split('\x1f');
      if (fields.length < 9) throw new GitError(`unexpected git log header: ${JSON.stringify(token)}`);
      const [sha, parents, an, ae, ad, cn, ce, cd] = fields;
      current = {
        sha: sha ?? '',
        parents: (parents ?? '').split(' ').filter(Boolean),
        author: { name: an ?? '', email: ae ?? '', date: ad ?? '' },
        committer: { name: cn ?? '', email: ce ?? '', date: cd ?? '' },
        message: fields.slice(8).join('\x1f').replace(/\n+$/, ''),
        changes: [],
      };
      commits.push(current);
    } else if (token.startsWith(':')) {
      // ":100644 100644 <old blob> <new blob> M" then the path as the next token.
      const parts = token.slice(1).split(' ');
      const status = (parts[4] ?? '').charAt(0);
      const newBlob = parts[3] ?? '';
      const path = tokens[++i] ?? '';
      if (!current) throw new GitError('git log printed a change before any commit');
      if (status === 'A' || status === 'M' || status === 'D' || status === 'T') {
        current.changes.push({ status, path, blob: ZERO_BLOB.test(newBlob) ? null : newBlob });
      }
    }
  }
  return commits;
}
