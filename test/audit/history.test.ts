import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../scripts/audit/audit.ts';
import { classifyCommit, pullRequestOfMerge, requestOfPath } from '../../scripts/audit/classify.ts';
import { type HistoryCommit, readHistory } from '../../scripts/audit/history.ts';
import { readBlobs } from '../../scripts/core/git.ts';
import { GITHUB, type Person, Repository } from '../support/repository.ts';

const ANA: Person = { name: 'Ana Ñúñez', email: 'ana@example.org' };
const BEN: Person = { name: 'Ben', email: 'ben@example.org' };

describe('reading the first-parent history in one pass', () => {
  let repo: Repository;
  let history: HistoryCommit[];
  const odd = ['with space.yaml', 'ünïcode/ファイル.txt', 'new\nline.txt', 'tab\there.txt'];

  beforeAll(() => {
    repo = new Repository('2026-03-01T08:00:00Z');
    repo.commit('First\n\nwith a body line\n\x1f and a unit separator', { 'a.txt': 'a\n' }, ANA);
    repo.commit('Odd names', Object.fromEntries(odd.map((p) => [p, `${p}\n`])), ANA);
    repo.commit('Nothing changed', {}, BEN);
    repo.mergePullRequest(7, 'feature', { 'b.txt': 'b\n', 'a.txt': null }, BEN, ANA);
    history = readHistory(repo.dir, 'main');
  });
  afterAll(() => repo.dispose());

  it('lists the commits of the first-parent line, oldest first, without the branch commits', () => {
    expect(history.map((c) => c.message.split('\n')[0])).toEqual([
      'First',
      'Odd names',
      'Nothing changed',
      'Merge pull request #7 from ca-cdt/feature',
    ]);
    expect(history[3]?.parents).toHaveLength(2);
  });

  it('keeps names, emails, dates and whole messages as git recorded them', () => {
    const first = history[0];
    expect(first?.author).toEqual({
      name: 'Ana Ñúñez',
      email: 'ana@example.org',
      date: '2026-03-01T08:00:00+00:00',
    });
    expect(first?.message).toBe('First\n\nwith a body line\n\x1f and a unit separator');
    expect(history[3]?.committer.email).toBe(GITHUB.email);
  });

  it('reads paths with spaces, non-ASCII letters, tabs and newlines exactly', () => {
    expect(history[1]?.changes.map((c) => c.path).sort()).toEqual([...odd].sort());
    expect(history[2]?.changes).toEqual([]);
  });

  it("gives a merge's changes against its first parent, with the blob of each new file", () => {
    const merge = history[3];
    expect(merge?.changes.map((c) => [c.status, c.path, c.blob === null])).toEqual([
      ['D', 'a.txt', true],
      ['A', 'b.txt', false],
    ]);
  });

  it('reads many blobs in one cat-file pass, byte for byte', () => {
    const blobs = history.flatMap((c) => c.changes.map((x) => x.blob)).filter((b): b is string => b !== null);
    const contents = readBlobs(repo.dir, [...blobs, ...blobs]);
    expect(contents.size).toBe(new Set(blobs).size);
    const b = history[3]?.changes.find((c) => c.path === 'b.txt')?.blob ?? '';
    expect(contents.get(b)?.toString('utf8')).toBe('b\n');
  });

  it('refuses a branch that does not exist, in plain words', () => {
    expect(() => readHistory(repo.dir, 'no-such-branch')).toThrow(/no-such-branch/);
  });

  it('refuses a shallow clone, whose oldest commit would pose as one push of every file', async () => {
    const clone = join(repo.dir, '..', 'shallow');
    repo.git(['clone', '--quiet', '--depth', '1', `file://${repo.dir}`, clone]);
    await expect(
      runAudit({ repoDir: clone, branch: 'main', asOf: '2027-01-01', expiringWithinDays: 90 }),
    ).rejects.toThrow(/shallow clone: the audit needs the whole history/);
  });
});

describe('what a commit on the branch is', () => {
  const commit = (message: string, parents: number, committer: Person): HistoryCommit => ({
    sha: 'c'.repeat(40),
    parents: Array.from({ length: parents }, (_, i) => String(i).repeat(40)),
    author: { ...ANA, date: '2026-01-01T00:00:00Z' },
    committer: { ...committer, date: '2026-01-01T00:00:00Z' },
    message,
    changes: [],
  });

  it('reads the pull-request number of GitHub merge messages only', () => {
    expect(pullRequestOfMerge('Merge pull request #42 from ca-cdt/dgs-wan')).toBe(42);
    expect(pullRequestOfMerge("Merge branch 'main' into x")).toBeNull();
    expect(pullRequestOfMerge('Revert "Merge pull request #42 from a/b"')).toBeNull();
  });

  it('tells merges, squash and rebase merges, local merges and direct pushes apart', () => {
    expect(classifyCommit(commit('Merge pull request #3 from org/b\n\nbody', 2, GITHUB))).toEqual({
      kind: 'merge',
      pr: 3,
    });
    expect(classifyCommit(commit("Merge branch 'b'", 2, ANA))).toEqual({ kind: 'local-merge', pr: null });
    expect(classifyCommit(commit('Add request (#12)', 1, GITHUB))).toEqual({ kind: 'squash', pr: 12 });
    expect(classifyCommit(commit('Add request', 1, GITHUB))).toEqual({ kind: 'rebase', pr: null });
    expect(classifyCommit(commit('Add request', 1, ANA))).toEqual({ kind: 'direct-push', pr: null });
    // Anyone can type "(#12)": without GitHub as committer it is a direct push.
    expect(classifyCommit(commit('Add request (#12)', 1, ANA))).toEqual({ kind: 'direct-push', pr: null });
  });

  it('maps request files and their documents to the request', () => {
    expect(requestOfPath('requests/calnet/dgs-wan.yaml')).toEqual({
      program: 'calnet',
      id: 'dgs-wan',
      file: 'requests/calnet/dgs-wan.yaml',
      document: false,
    });
    expect(requestOfPath('requests/cgen/cdt-net/ipr/ipr.pdf')).toMatchObject({
      file: 'requests/cgen/cdt-net.yaml',
      document: true,
    });
    expect(requestOfPath('examples/requests/calnet/x.yaml')).toBeNull();
    expect(requestOfPath('requests/other/x.yaml')).toBeNull();
  });
});
