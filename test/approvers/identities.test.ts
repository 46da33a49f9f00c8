import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIdentities } from '../../scripts/approvers/identities.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import { IDENTITIES } from '../audit/scenario.ts';

const FILE = 'governance/identities.json';

describe('the identity mapping', () => {
  it("this repository's own mapping is valid", () => {
    const text = readFileSync(join(repoRoot, FILE), 'utf8');
    const loaded = loadIdentities(FILE, text);
    expect(loaded.errors).toEqual([]);
    expect(loaded.map.directorTeam).toBe('@ca-cdt/stnd-director');
  });

  it('finds people by any of their emails, case aside, and by handle', () => {
    const { map } = loadIdentities(FILE, IDENTITIES);
    expect(map.byEmail('BOB@cdt.example.gov')?.github).toBe('@bob');
    expect(map.byEmail('4242+bob@users.noreply.github.com')?.github).toBe('@bob');
    expect(map.byHandle('Dana')?.name).toBe('Dana Director');
    expect(map.byEmail('nobody@example.org')).toBeUndefined();
  });

  it('counts membership from its first to its last day, both included', () => {
    const { map } = loadIdentities(FILE, IDENTITIES);
    const erin = map.byHandle('@erin');
    if (!erin) throw new Error('erin is in the fixture');
    expect(map.isMember(erin, '@ca-cdt/calnet-approvers', '2024-12-31')).toBe(false);
    expect(map.isMember(erin, '@ca-cdt/calnet-approvers', '2025-01-01')).toBe(true);
    expect(map.isMember(erin, '@CA-CDT/calnet-approvers', '2026-01-10')).toBe(true);
    expect(map.isMember(erin, '@ca-cdt/calnet-approvers', '2026-01-11')).toBe(false);
    expect(map.isMember(erin, '@ca-cdt/cgen-approvers', '2025-06-01')).toBe(false);
  });

  it('refuses an unknown field with its line and column, and is then not used at all', () => {
    const text = IDENTITIES.replace('"name": "Bob Cgen",', '"name": "Bob Cgen",\n      "nickname": "bobby",');
    const loaded = loadIdentities(FILE, text);
    expect(loaded.errors).toHaveLength(1);
    const [error] = loaded.errors;
    expect(error?.file).toBe(FILE);
    expect(error?.path).toBe('/people/1/nickname');
    expect(text.split('\n')[(error?.line ?? 0) - 1]).toContain('"nickname"');
    expect(error?.message).toContain('nickname');
    expect(loaded.map.byEmail('alice@cdt.example.gov')).toBeUndefined();
    expect(loaded.map.directorTeam).toBeNull();
  });

  it('refuses a handle without @, a bad date and a bad email', () => {
    const text = IDENTITIES.replace('"github": "@carol"', '"github": "carol"')
      .replace('"until": "2026-01-10"', '"until": "2026-02-30"')
      .replace('"dana@cdt.example.gov"', '"dana at cdt"');
    const paths = loadIdentities(FILE, text).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/people/2/github', '/people/4/teams/0/until', '/people/3/emails/0']),
    );
  });

  it('refuses what a schema cannot see: undeclared teams, shared emails, repeated handles, backwards dates', () => {
    const mapping = JSON.parse(IDENTITIES) as {
      director_team: string;
      people: { github: string; emails: string[]; teams: { team: string; from: string; until?: string }[] }[];
    };
    mapping.director_team = '@ca-cdt/nobody';
    const [alice, bob, carol, dana] = mapping.people;
    if (!alice || !bob || !carol || !dana) throw new Error('fixture has these people');
    alice.teams.push({ team: '@ca-cdt/made-up', from: '2026-01-01' });
    bob.emails.push('alice@cdt.example.gov');
    carol.github = '@Dana';
    dana.teams.push({ team: '@ca-cdt/cgen-approvers', from: '2026-05-01', until: '2026-04-01' });
    const errors = loadIdentities(FILE, JSON.stringify(mapping, null, 2)).errors;
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['/director_team', expect.stringContaining('not one of the declared teams')],
      ['/people/0/teams/1/team', expect.stringContaining('@ca-cdt/made-up')],
      ['/people/1/emails/2', expect.stringContaining('already belongs to /people/0')],
      ['/people/3/github', expect.stringContaining('already listed at /people/2')],
      ['/people/3/teams/1/until', expect.stringContaining('before it starts')],
    ]);
    for (const e of errors) expect(e.line).toBeGreaterThan(1);
  });

  it('reports JSON that cannot be read at its position', () => {
    const loaded = loadIdentities(FILE, '{\n  "format": 1,\n  "people": [\n');
    expect(loaded.errors.length).toBeGreaterThan(0);
    expect(loaded.errors[0]?.line).toBeGreaterThanOrEqual(3);
  });
});
