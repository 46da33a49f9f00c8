/**
 * The one way this product runs git: always with an argument list (never a shell), no prompts, the C
 * locale, and one error type. Everything that reads a repository (the pull-request evaluation, the dry
 * run, the audit) goes through here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import { UserError } from './errors.ts';

/** git could not be run, or it refused: the message says which command and why, in git's own words. */
export class GitError extends UserError {}

export interface GitOptions {
  /** Text written to git's standard input. */
  input?: string;
}

/** Runs git in `repoDir` and returns its standard output; throws GitError when it fails. */
export function git(repoDir: string, args: string[], options: GitOptions = {}): Buffer {
  const result = spawnSync('git', args, {
    cwd: repoDir,
    input: options.input,
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  });
  if (result.error) throw new GitError(`git ${args[0]}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new GitError(`git ${args.join(' ')} failed: ${result.stderr.toString('utf8').trim()}`);
  }
  return result.stdout;
}

/** The same, as UTF-8 text. */
export function gitText(repoDir: string, args: string[], options: GitOptions = {}): string {
  return git(repoDir, args, options).toString('utf8');
}

/** The commit a branch (or any revision) names, or null when it names none. */
export function findRevision(repoDir: string, revision: string): string | null {
  try {
    return gitText(repoDir, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]).trim();
  } catch (error) {
    if (error instanceof GitError) return null;
    throw error;
  }
}

/** The default branch as a local repository knows it: the remote's default branch, else main; null when none. */
export function findDefaultBranch(repoDir: string): string | null {
  for (const candidate of ['origin/HEAD', 'origin/main', 'main']) {
    if (findRevision(repoDir, candidate) !== null) return candidate;
  }
  return null;
}

/** The commit a branch (or any revision) names, or a plain error when it does not exist. */
export function resolveRevision(repoDir: string, revision: string): string {
  const sha = findRevision(repoDir, revision);
  if (sha === null) throw new GitError(`no branch or commit named "${revision}" in ${repoDir}`);
  return sha;
}

/**
 * The contents of objects (shas or `rev:path`), read in one `git cat-file --batch` pass, keyed as asked;
 * objects git lacks are left out.
 */
export function readBlobs(repoDir: string, objects: Iterable<string>): Map<string, Buffer> {
  const wanted = [...new Set(objects)];
  const contents = new Map<string, Buffer>();
  if (wanted.length === 0) return contents;
  const out = git(repoDir, ['cat-file', '--batch'], { input: `${wanted.join('\n')}\n` });
  let offset = 0;
  // git answers in the order asked, so each answer is keyed by what was asked for (a sha or `rev:path`).
  for (const name of wanted) {
    if (offset >= out.length) throw new GitError('git cat-file answered fewer objects than asked');
    const newline = out.indexOf(0x0a, offset);
    if (newline < 0) throw new GitError('git cat-file ended in the middle of a header');
    const header = out.subarray(offset, newline).toString('utf8');
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      offset = newline + 1;
      continue;
    }
    const size = header.split(' ')[2];
    if (size === undefined) throw new GitError(`git cat-file: unexpected header for ${name}`);
    const start = newline + 1;
    const end = start + Number(size);
    contents.set(name, out.subarray(start, end));
    offset = end + 1;
  }
  return contents;
}

export interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  /** The blob's size in bytes; null for a tree or a submodule. */
  size: number | null;
  path: string;
}

/** `git ls-tree -r -l` entries of `commit` under the given paths, with each blob's size. */
export function listTree(repoDir: string, commit: string, paths: string[]): TreeEntry[] {
  if (paths.length === 0) return [];
  return gitText(repoDir, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit, '--', ...paths])
    .split('\0')
    .filter((line) => line.length > 0)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode = '', type = '', object = '', size = '-'] = line.slice(0, tab).split(/ +/);
      return {
        mode,
        type,
        object,
        size: /^\d+$/.test(size) ? Number(size) : null,
        path: line.slice(tab + 1),
      };
    });
}

/** Extracts the given top-level folders of `commit` into `targetDir` with `git archive`. */
export async function extractFolders(
  repoDir: string,
  commit: string,
  folders: string[],
  targetDir: string,
): Promise<void> {
  mkdirSync(targetDir, { recursive: true });
  if (folders.length === 0) return;
  const archive = join(targetDir, '.source.tar');
  writeFileSync(archive, git(repoDir, ['archive', '--format=tar', commit, '--', ...folders]));
  await tar.x({ file: archive, cwd: targetDir });
}
