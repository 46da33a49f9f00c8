/**
 * The one repository builder: real git repositories built with the git CLI in a temporary folder, for
 * the pull-request, dry-run and audit tests. Every commit has explicit author and committer identities
 * and dates (one day apart by default) and git reads no configuration of the machine, so histories, and
 * therefore registers, are the same on every run.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { repoRoot } from '../../scripts/core/paths.ts';

export interface Person {
  name: string;
  email: string;
}

/** How GitHub commits the merges it makes in its web interface. */
export const GITHUB: Person = { name: 'GitHub', email: 'noreply@github.com' };

export type Files = Record<string, string | Buffer | null>;

const DAY = 86_400;

/** Who commits when a test does not say. */
export const FIXTURE: Person = { name: 'Fixture', email: 'fixture@example.org' };

export class Repository {
  readonly dir: string;
  private readonly home: string;
  /** Seconds since the epoch of the next commit. */
  private clock: number;
  /** A date written as git takes it (`@<seconds> +0000`), used instead of the clock while set. */
  private claimedDate: string | null = null;

  constructor(start = '2026-01-05T15:00:00Z') {
    this.home = mkdtempSync(join(tmpdir(), 'audit-fixture-'));
    this.dir = join(this.home, 'repo');
    mkdirSync(this.dir);
    this.clock = Date.parse(start) / 1000;
    this.git(['init', '--quiet', '--initial-branch=main']);
  }

  /** Runs git with fixed identities and dates; returns stdout. */
  git(args: string[], author?: Person, committer?: Person, input?: Buffer): string {
    const who = author ?? FIXTURE;
    const by = committer ?? who;
    const date = this.claimedDate ?? `@${this.clock} +0000`;
    const result = spawnSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      input,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: this.home,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: join(this.home, 'gitconfig'),
        GIT_AUTHOR_NAME: who.name,
        GIT_AUTHOR_EMAIL: who.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: by.name,
        GIT_COMMITTER_EMAIL: by.email,
        GIT_COMMITTER_DATE: date,
      },
    });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
  }

  /**
   * Runs `make` with every commit claiming `date` (an ISO timestamp, or git's `@<seconds> +0000` for
   * dates JavaScript cannot represent): the date is whatever the committer typed.
   */
  claiming<T>(date: string, make: () => T): T {
    this.claimedDate = date.startsWith('@') ? date : `@${Date.parse(date) / 1000} +0000`;
    try {
      return make();
    } finally {
      this.claimedDate = null;
    }
  }

  /** Moves the clock on (commits are one day apart unless told otherwise). */
  advance(days: number): void {
    this.clock += days * DAY;
  }

  /** Writes (or, with null, deletes) files in the working tree. */
  write(files: Files): this {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) {
        rmSync(full, { force: true });
      } else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
    return this;
  }

  /** Writes one file; chainable. */
  put(path: string, content: string): this {
    return this.write({ [path]: content });
  }

  /** Deletes one file; chainable. */
  delete(path: string): this {
    return this.write({ [path]: null });
  }

  /** A symbolic link at `path` to `target`; chainable. */
  link(path: string, target: string): this {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    symlinkSync(target, join(this.dir, path));
    return this;
  }

  /** Commits `files` on the current branch; returns the commit id. */
  commit(message: string, files: Files = {}, author: Person = FIXTURE, committer: Person = author): string {
    this.write(files);
    this.git(['add', '--all']);
    this.git(['commit', '--quiet', '--allow-empty', '-m', message], author, committer);
    this.advance(1);
    return this.git(['rev-parse', 'HEAD']);
  }

  /**
   * A pull request merged the way GitHub's "Create a merge commit" does: a branch off main with one commit
   * by `author`, then a --no-ff merge whose author is the merger and whose committer is GitHub.
   */
  mergePullRequest(
    number: number,
    branch: string,
    files: Files,
    author: Person,
    merger: Person,
  ): { merge: string; head: string } {
    this.git(['checkout', '--quiet', '-b', branch, 'main']);
    const head = this.commit(`Change for #${number}`, files, author);
    this.git(['checkout', '--quiet', 'main']);
    this.git(
      [
        'merge',
        '--quiet',
        '--no-ff',
        '-m',
        `Merge pull request #${number} from ca-cdt/${branch}\n\nChange for #${number}`,
        branch,
      ],
      merger,
      GITHUB,
    );
    this.advance(1);
    return { merge: this.git(['rev-parse', 'HEAD']), head };
  }

  /** A merge made on a workstation and pushed: a merge commit without GitHub's pull-request message. */
  localMerge(branch: string, files: Files, who: Person): string {
    this.git(['checkout', '--quiet', '-b', branch, 'main']);
    this.commit(`Work on ${branch}`, files, who);
    this.git(['checkout', '--quiet', 'main']);
    this.git(['merge', '--quiet', '--no-ff', '-m', `Merge branch '${branch}'`, branch], who, who);
    this.advance(1);
    return this.git(['rev-parse', 'HEAD']);
  }

  /** A squash merge as GitHub makes it: one commit on main, authored by the PR author, "(#N)" subject. */
  squashMerge(number: number, title: string, files: Files, author: Person): string {
    return this.commit(`${title} (#${number})`, files, author, GITHUB);
  }

  /** A rebase merge as GitHub makes it: the author's commit replayed on main, committed by GitHub. */
  rebaseMerge(message: string, files: Files, author: Person): string {
    return this.commit(message, files, author, GITHUB);
  }

  dispose(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** The project's pinned OPA capabilities, which every fixture policy is built with. */
export function capabilities(): string {
  return readFileSync(join(repoRoot, 'policies', 'capabilities.json'), 'utf8');
}

/** A request file with the given id: the foundation fixture (an exempt university), renamed. */
export function requestText(id: string): string {
  return readFileSync(
    join(repoRoot, 'test/support/fixtures/foundation/university-request.yaml'),
    'utf8',
  ).replace(/^id: .*$/m, `id: ${id}`);
}

/**
 * The files under `from` in this project (a file or a folder, relative to the repository root), placed
 * under `to` in a fixture repository: the real policy, schemas or an example request, copied as they are.
 */
export function projectFiles(from: string, to: string = from): Files {
  const source = join(repoRoot, from);
  if (!statSync(source).isDirectory()) return { [to]: readFileSync(source) };
  const files: Files = {};
  for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(source, join(entry.parentPath, entry.name)).split(sep).join('/');
    files[`${to}/${path}`] = readFileSync(join(source, path));
  }
  return files;
}
