/**
 * The clause catalog (`policies/reference/clauses.json`): every clause of the two policy texts the
 * project cites, by id, with its program, its section and a paraphrase in our words. Rules name clauses
 * by id (METADATA `custom.clauses`, the request schema's `x-clause`); this module is the one place that
 * turns ids into the words a reader sees.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policiesDir } from './paths.ts';

export const PROGRAMS = ['calnet', 'cgen'] as const;
export type Program = (typeof PROGRAMS)[number];

/** Each program as people name it. */
export const PROGRAM_NAMES: Readonly<Record<Program, string>> = { calnet: 'CALNET MSA', cgen: 'CGEN' };

/** The program a request file is for, from its folder (`requests/calnet/…`), when it is in one. */
export function programOfPath(file: string): Program | null {
  const folder = /(?:^|\/)requests\/(calnet|cgen)\//.exec(file)?.[1];
  return folder === 'calnet' || folder === 'cgen' ? folder : null;
}

/** A request's program as people name it: the one its decision names, else its folder's; null for neither. */
export function programNameOf(file: string, decided: Program | null | undefined): string | null {
  const program = decided ?? programOfPath(file);
  return program ? PROGRAM_NAMES[program] : null;
}

export interface Clause {
  program: Program;
  /** Where the clause is in its text: `Procedures, fourth item`. */
  section: string;
  /** What it provides, in our words (never the text's own sentences). */
  paraphrase: string;
}

export interface ClauseCatalog {
  /** How each program's text is named in a citation: `CALNET MSA policy`. */
  programs: Record<Program, { title: string; text: string }>;
  clauses: Record<string, Clause>;
}

/**
 * `full` names the section and what it provides (decisions, the policy reference); `section` names only
 * the section (the request format's messages, where the field's own description says what is needed).
 */
export type CitationForm = 'full' | 'section';

/** Where a policies folder keeps its clause catalog. */
export function clausesPath(policyDir: string = policiesDir): string {
  return join(policyDir, 'reference', 'clauses.json');
}

export const CLAUSES_PATH = clausesPath();

const cache = new Map<string, ClauseCatalog>();

/** The catalog of a policies folder (the working tree's by default), read once. */
export function clauseCatalog(path: string = CLAUSES_PATH): ClauseCatalog {
  let catalog = cache.get(path);
  if (!catalog) {
    catalog = JSON.parse(readFileSync(path, 'utf8')) as ClauseCatalog;
    cache.set(path, catalog);
  }
  return catalog;
}

/**
 * Gives the catalog of a policies folder without reading it: the page, which has no files, bundles the
 * catalog and hands it over before anything cites a clause.
 */
export function provideClauseCatalog(catalog: ClauseCatalog, path: string = CLAUSES_PATH): void {
  cache.set(path, catalog);
}

export class UnknownClauseError extends Error {
  constructor(readonly id: string) {
    super(`clause "${id}" is not in policies/reference/clauses.json`);
  }
}

/** The clauses of `ids`, in order and each once; throws on an id the catalog does not have. */
export function clausesOf(ids: readonly string[], catalog: ClauseCatalog = clauseCatalog()): Clause[] {
  return [...new Set(ids)].map((id) => {
    const clause = catalog.clauses[id];
    if (!clause) throw new UnknownClauseError(id);
    return clause;
  });
}

/** The programs the clauses of `ids` belong to, in catalog order. */
export function programsOf(ids: readonly string[], catalog: ClauseCatalog = clauseCatalog()): Program[] {
  const present = new Set(clausesOf(ids, catalog).map((c) => c.program));
  return PROGRAMS.filter((p) => present.has(p));
}

/**
 * The citation of clauses in words, each program's title written once before its clauses:
 * `CALNET MSA policy, Procedures, fourth item (cost in total and by contract item); CGEN policy, ...`.
 */
export function citeClauses(
  ids: readonly string[],
  form: CitationForm = 'full',
  catalog: ClauseCatalog = clauseCatalog(),
): string {
  const groups: { program: Program; parts: string[] }[] = [];
  for (const clause of clausesOf(ids, catalog)) {
    const part = form === 'full' ? `${clause.section} (${clause.paraphrase})` : clause.section;
    const last = groups.at(-1);
    if (last?.program === clause.program) {
      if (!last.parts.includes(part)) last.parts.push(part);
    } else groups.push({ program: clause.program, parts: [part] });
  }
  return groups.map((g) => `${catalog.programs[g.program].title}, ${g.parts.join('; ')}`).join('; ');
}
