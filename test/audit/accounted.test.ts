/**
 * Every commit of the default branch after the go-live baseline is accounted for: a signed merge by the
 * owners of what it changed, or a violation. Before the baseline the register shows history, but nothing
 * there is judged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../scripts/audit/audit.ts';
import { Repository } from '../support/repository.ts';
import { signedMerge } from '../support/signing.ts';
import { ADMIN, AGENCY, ALICE, auditOf, calnetRequest, DANA, foundationFiles } from './scenario.ts';

const kindsAt = (result: AuditResult, commit: string) =>
  result.violations.filter((v) => v.commit === commit).map((v) => v.kind);

function baselineFile(commit: string): string {
  return `${JSON.stringify({ format: 1, commit, reason: 'go-live of the repository' }, null, 2)}\n`;
}

describe('every commit after the baseline', () => {
  const repo = new Repository();
  const c: Record<string, string> = {};
  let result: AuditResult;
  beforeAll(async () => {
    c.root = repo.commit('Start the repository', foundationFiles(), ADMIN);
    c.migration = repo.commit('Migrate the old register', { 'README.md': '# Migrated\n' }, ADMIN);
    c.baseline = (
      await signedMerge(
        repo,
        1,
        'baseline',
        { 'governance/baseline.json': baselineFile(c.migration) },
        ADMIN,
        DANA,
      )
    ).merge;
    c.granted = (await signedMerge(repo, 2, 'dgs', calnetRequest('dgs'), AGENCY, ALICE)).merge;
    c.readme = repo.commit('Typo', { 'README.md': '# Migrated register\n' }, ADMIN);
    c.empty = repo.commit('Nothing at all', {}, ADMIN);
    c.edited = repo.commit('Extend the contract', calnetRequest('dgs', { months: 60 }), ADMIN);
    c.docs = (await signedMerge(repo, 3, 'docs', { 'docs/notes.md': 'notes\n' }, AGENCY, ALICE)).merge;
    c.docsByOwner = (
      await signedMerge(repo, 4, 'docs-2', { 'docs/notes.md': 'more notes\n' }, AGENCY, DANA)
    ).merge;
    result = await auditOf(repo);
  });
  afterAll(() => repo.dispose());

  it('judges nothing at or before the baseline', () => {
    expect(kindsAt(result, c.root ?? '')).toEqual([]);
    expect(kindsAt(result, c.migration ?? '')).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  it('accepts the baseline itself only as a governance change the Director approved', () => {
    expect(kindsAt(result, c.baseline ?? '')).toEqual([]);
  });

  it('reports a push of any file, and an empty one', () => {
    expect(kindsAt(result, c.readme ?? '')).toEqual(['direct-push']);
    expect(result.violations.find((v) => v.commit === c.empty)).toMatchObject({
      kind: 'direct-push',
      path: '',
      detail: 'an empty commit pushed straight to the branch',
    });
  });

  it('reports a granted request edited on the branch outside a pull request', () => {
    expect(kindsAt(result, c.edited ?? '')).toEqual(['request-changed-after-approval']);
  });

  it('needs the owners of every file a merge changes, not only of the requests', () => {
    expect(kindsAt(result, c.docs ?? '')).toEqual(['merger-not-owner']);
    expect(kindsAt(result, c.docsByOwner ?? '')).toEqual([]);
    expect(kindsAt(result, c.granted ?? '')).toEqual([]);
  });
});

describe('a baseline that names no commit of the branch', () => {
  const repo = new Repository();
  afterAll(() => repo.dispose());

  it('is a problem, and the audit starts at the first commit', async () => {
    repo.commit(
      'Start the repository',
      { ...foundationFiles(), 'governance/baseline.json': baselineFile('f'.repeat(40)) },
      ADMIN,
    );
    const push = repo.commit('Typo', { 'README.md': 'typo\n' }, ADMIN);
    const result = await auditOf(repo);
    expect(result.problems.map((p) => [p.file, p.message])).toEqual([
      [
        'governance/baseline.json',
        expect.stringContaining("is not a commit of the branch's first-parent history"),
      ],
    ]);
    expect(kindsAt(result, push)).toEqual(['direct-push']);
  });
});
