import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownersOf, parseCodeowners, patternMatcher } from '../../scripts/approvers/codeowners.ts';
import { repoRoot } from '../../scripts/core/paths.ts';

const owners = (text: string, path: string): string[] => ownersOf(parseCodeowners(text), path).owners;

describe('CODEOWNERS as GitHub reads it', () => {
  it('lets the last matching pattern win', () => {
    const text = '*  @ca-cdt/stnd-director\n/requests/calnet/ @ca-cdt/calnet-approvers\n';
    expect(owners(text, 'requests/calnet/dgs.yaml')).toEqual(['@ca-cdt/calnet-approvers']);
    expect(owners(text, 'policies/x.rego')).toEqual(['@ca-cdt/stnd-director']);
    const reversed = '/requests/calnet/ @ca-cdt/calnet-approvers\n*  @ca-cdt/stnd-director\n';
    expect(owners(reversed, 'requests/calnet/dgs.yaml')).toEqual(['@ca-cdt/stnd-director']);
  });

  it('reports which line decided, and no owner when nothing matches or the line lists none', () => {
    const text = '# comment\n/requests/ @alice\n/requests/cgen/\n';
    expect(ownersOf(parseCodeowners(text), 'requests/calnet/a.yaml')).toEqual({
      line: 2,
      pattern: '/requests/',
      owners: ['@alice'],
    });
    expect(ownersOf(parseCodeowners(text), 'requests/cgen/a.yaml')).toEqual({
      line: 3,
      pattern: '/requests/cgen/',
      owners: [],
    });
    expect(ownersOf(parseCodeowners(text), 'README.md')).toEqual({ line: null, pattern: null, owners: [] });
  });

  it('anchors patterns with a leading or inner slash and floats the others', () => {
    expect(patternMatcher('/docs/')('docs/a.md')).toBe(true);
    expect(patternMatcher('/docs/')('src/docs/a.md')).toBe(false);
    expect(patternMatcher('apps/')('apps/a.js')).toBe(true);
    expect(patternMatcher('apps/')('src/apps/deep/a.js')).toBe(true);
    expect(patternMatcher('build/logs')('build/logs/x.log')).toBe(true);
    expect(patternMatcher('build/logs')('src/build/logs/x.log')).toBe(false);
    expect(patternMatcher('*.js')('a.js')).toBe(true);
    expect(patternMatcher('*.js')('src/deep/a.js')).toBe(true);
    expect(patternMatcher('**/logs')('a/b/logs/x')).toBe(true);
    expect(patternMatcher('CODEOWNERS')('.github/CODEOWNERS')).toBe(true);
  });

  it('follows the documented exception that docs/* does not reach nested files', () => {
    expect(patternMatcher('docs/*')('docs/getting-started.md')).toBe(true);
    expect(patternMatcher('docs/*')('docs/build-app/troubleshooting.md')).toBe(false);
  });

  it('matches dotfiles with a star, as gitignore does', () => {
    expect(patternMatcher('*')('.github/CODEOWNERS')).toBe(true);
    expect(patternMatcher('/.github/')('.github/workflows/audit.yml')).toBe(true);
  });

  it('does not let a pattern match a longer name that merely starts the same', () => {
    expect(patternMatcher('/requests/cgen')('requests/cgen-old/a.yaml')).toBe(false);
    expect(patternMatcher('/requests/cgen')('requests/cgen/a.yaml')).toBe(true);
  });

  it('reads inline comments, escaped characters, emails and teams', () => {
    const text = [
      '/requests/calnet/ @ca-cdt/calnet-approvers   # the CALNET designees',
      '/odd\\ name.txt director@cdt.ca.gov',
      '\\#hash.md @alice',
    ].join('\n');
    expect(owners(text, 'requests/calnet/a.yaml')).toEqual(['@ca-cdt/calnet-approvers']);
    expect(owners(text, 'odd name.txt')).toEqual(['director@cdt.ca.gov']);
    expect(owners(text, '#hash.md')).toEqual(['@alice']);
  });

  it('skips, with its line number, every line GitHub would skip, and keeps the rest', () => {
    const parsed = parseCodeowners(
      [
        '* @ca-cdt/stnd-director',
        '!/requests/ @alice',
        '/requests/[ab]/ @bob',
        '/requests/ not-an-owner',
      ].join('\n'),
    );
    expect(parsed.rules.map((r) => r.line)).toEqual([1]);
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(parsed.problems[0]?.message).toContain('negated pattern');
    expect(parsed.problems[1]?.message).toContain('character range');
    expect(parsed.problems[2]?.message).toContain('not-an-owner');
    expect(ownersOf(parsed, 'requests/a/x.yaml').owners).toEqual(['@ca-cdt/stnd-director']);
  });

  it('does not read braces or extglobs as alternatives', () => {
    expect(patternMatcher('/requests/{calnet,cgen}/')('requests/calnet/a.yaml')).toBe(false);
    expect(patternMatcher('/a/+(b)/')('a/b/c')).toBe(false);
  });
});

describe("this repository's own CODEOWNERS", () => {
  const parsed = parseCodeowners(readFileSync(join(repoRoot, '.github/CODEOWNERS'), 'utf8'));

  it('has no line GitHub would skip', () => {
    expect(parsed.problems).toEqual([]);
  });

  it('routes requests to their program approvers and the identity mapping to the Director', () => {
    expect(ownersOf(parsed, 'requests/calnet/dgs-2026-sdwan.yaml').owners).toEqual([
      '@ca-cdt/calnet-approvers',
    ]);
    expect(ownersOf(parsed, 'requests/cgen/x/ipr.pdf').owners).toEqual(['@ca-cdt/cgen-approvers']);
    expect(ownersOf(parsed, 'governance/identities.json').owners).toEqual(['@ca-cdt/stnd-director']);
    expect(ownersOf(parsed, 'schemas/identities.schema.json').owners).toEqual(['@ca-cdt/stnd-director']);
  });
});
