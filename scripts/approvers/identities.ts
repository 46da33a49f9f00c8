/**
 * The reviewed mapping from git identities to GitHub handles and team membership
 * (`governance/identities.json`, owned by the Director). Git records a name and an email; CODEOWNERS names
 * handles and teams; this file connects the two, with membership dates so that a merge is judged by who was
 * a member on the day it happened.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../core/paths.ts';
import { loadRequestText } from '../request/load.ts';
import type { SchemaNode } from '../request/messages.ts';
import { compileSchema, type SchemaCheck } from '../request/schema-check.ts';
import type { LocatedError } from '../request/types.ts';

export interface Membership {
  team: string;
  from: string;
  until?: string;
  designated_by?: string;
}

export interface MappedPerson {
  github: string;
  name: string;
  emails: string[];
  teams: Membership[];
}

interface IdentitiesFile {
  format: 1;
  director_team: string;
  teams: Record<string, { description: string }>;
  people: MappedPerson[];
}

export interface IdentityMap {
  /** The Director's team (`@org/team`), or null when the mapping is missing or invalid. */
  directorTeam: string | null;
  people: MappedPerson[];
  byEmail(email: string): MappedPerson | undefined;
  byHandle(handle: string): MappedPerson | undefined;
  /** Whether the person was a member of `team` on `date` (YYYY-MM-DD; both ends inclusive). */
  isMember(person: MappedPerson, team: string, date: string): boolean;
}

export interface LoadedIdentities {
  map: IdentityMap;
  errors: LocatedError[];
}

/** The reviewed mapping from git identities to GitHub handles and teams. */
export const IDENTITIES_PATH = 'governance/identities.json';

export const identitiesSchemaPath = join(repoRoot, 'schemas', 'identities.schema.json');

let schemaCheck: SchemaCheck | undefined;
function identitiesCheck(): SchemaCheck {
  schemaCheck ??= compileSchema(JSON.parse(readFileSync(identitiesSchemaPath, 'utf8')) as SchemaNode);
  return schemaCheck;
}

const lower = (s: string): string => s.toLowerCase();
/** Handles are written `@login`; GitHub compares them without regard to case. */
export const normalizeHandle = (handle: string): string =>
  lower(handle.startsWith('@') ? handle : `@${handle}`);

function buildMap(file: IdentitiesFile | null): IdentityMap {
  const people = file?.people ?? [];
  const emails = new Map<string, MappedPerson>();
  const handles = new Map<string, MappedPerson>();
  for (const person of people) {
    handles.set(normalizeHandle(person.github), person);
    for (const email of person.emails) emails.set(lower(email), person);
  }
  return {
    directorTeam: file?.director_team ?? null,
    people,
    byEmail: (email) => emails.get(lower(email)),
    byHandle: (handle) => handles.get(normalizeHandle(handle)),
    isMember: (person, team, date) =>
      person.teams.some(
        (m) => lower(m.team) === lower(team) && m.from <= date && (m.until === undefined || date <= m.until),
      ),
  };
}

export function emptyIdentities(): IdentityMap {
  return buildMap(null);
}

/**
 * Reads the mapping from its text. Problems come back located (file:line:column); with any problem the
 * mapping is not used at all, so no merge is credited to an owner on the strength of a broken file.
 */
export function loadIdentities(file: string, text: string): LoadedIdentities {
  const loaded = loadRequestText(file, text);
  const at = (path: string, message: string, key = false): LocatedError => ({
    file,
    ...loaded.locate(path, { key }),
    path,
    message,
  });
  if (loaded.errors.length > 0) return { map: emptyIdentities(), errors: loaded.errors };
  const schemaProblems = identitiesCheck()(loaded.request);
  if (schemaProblems.length > 0) {
    return {
      map: emptyIdentities(),
      errors: schemaProblems.map((p) => at(p.pointer, p.message, p.atKey)),
    };
  }
  const data = loaded.request as IdentitiesFile;
  const errors: LocatedError[] = [];
  const declared = new Set(Object.keys(data.teams).map(lower));
  if (!declared.has(lower(data.director_team))) {
    errors.push(at('/director_team', `director_team ${data.director_team} is not one of the declared teams`));
  }
  const emailOwner = new Map<string, number>();
  const handleOwner = new Map<string, number>();
  data.people.forEach((person, i) => {
    const handle = normalizeHandle(person.github);
    const previousHandle = handleOwner.get(handle);
    if (previousHandle !== undefined) {
      errors.push(
        at(`/people/${i}/github`, `${person.github} is already listed at /people/${previousHandle}`),
      );
    }
    handleOwner.set(handle, i);
    person.emails.forEach((email, j) => {
      const previous = emailOwner.get(lower(email));
      if (previous !== undefined && previous !== i) {
        errors.push(at(`/people/${i}/emails/${j}`, `${email} already belongs to /people/${previous}`));
      }
      emailOwner.set(lower(email), i);
    });
    person.teams.forEach((membership, j) => {
      if (!declared.has(lower(membership.team))) {
        errors.push(
          at(`/people/${i}/teams/${j}/team`, `${membership.team} is not one of the declared teams`),
        );
      }
      if (membership.until !== undefined && membership.until < membership.from) {
        errors.push(
          at(`/people/${i}/teams/${j}/until`, `membership ends (${membership.until}) before it starts`),
        );
      }
    });
  });
  if (errors.length > 0) return { map: emptyIdentities(), errors };
  return { map: buildMap(data), errors: [] };
}
