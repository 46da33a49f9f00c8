/**
 * What a change to the rules does to the requests on file: each request's result under the base's rules
 * beside its result under the head's, compared. Pure: the results come from the pipeline, run once per
 * side (`scripts/pull-request/impact.ts`), and nothing here reads a file or a clock.
 *
 * A decision changes when its outcome does, or when a deficiency (a code at a place in the request), a
 * ground or a reason appears or goes away; notes and the approver are left out, since they follow from
 * the same facts. A file that is invalid on a side has its problems as findings, so a schema change that
 * makes a request invalid shows what it now lacks.
 */
import { type Program, programOfPath } from '../core/clauses.ts';
import type { Decision } from '../policy/decision.ts';
import { type FileOutcome, fileOutcome } from '../policy/outcomes.ts';
import type { PolicyOrigin } from '../policy/versions.ts';
import type { FileResult } from './pipeline.ts';

export type FindingKind = 'deficiency' | 'ground' | 'reason' | 'problem';

/** One thing a side's result says about a request, with the clause behind it (none for a problem). */
export interface ImpactFinding {
  kind: FindingKind;
  /** The policy's code; for a problem, none (its words say it). */
  code: string | null;
  /** The JSON Pointer into the request a deficiency or problem is about; null for a ground or reason. */
  path: string | null;
  /** The citation as the side's policy wrote it; null for a problem (its message cites the clause). */
  clause: string | null;
  /** The policy's or the schema's words; null for a ground or reason, whose code is its name. */
  message: string | null;
}

export interface RequestImpact {
  file: string;
  id: string | null;
  program: Program | null;
  before: FileOutcome;
  after: FileOutcome;
  appeared: ImpactFinding[];
  wentAway: ImpactFinding[];
}

/** A request both sides decide alike, with that outcome. */
export interface UnchangedRequest {
  file: string;
  id: string | null;
  outcome: FileOutcome;
}

/** A request file neither side could judge, with why (the first problem, located). */
export interface UnreadableRequest {
  file: string;
  message: string;
}

export interface ImpactComparison {
  changed: RequestImpact[];
  unchanged: UnchangedRequest[];
  unreadable: UnreadableRequest[];
}

/** One side of the comparison: the commit whose policy, schema and reference data judged. */
export interface ImpactSide {
  /** The revision as it was asked for (user text). */
  ref: string;
  commit: string;
  policyDigest: string;
}

/** The whole impact of a change to the rules, as `exemptions impact` and the comment show it. */
export interface Impact extends ImpactComparison {
  base: ImpactSide;
  head: ImpactSide;
  evaluationDate: string;
  /** Whether each side's policy was compiled from its `policies/` or read from its committed bundle. */
  policyOrigin: PolicyOrigin;
}

function citationOf(decision: Decision, subject: string): string | null {
  return decision.citations.find((c) => c.subject === subject)?.citation ?? null;
}

/** The findings of one side's result, each with the key that identifies it across the two sides. */
export function findingsOf(result: FileResult): Map<string, ImpactFinding> {
  const findings = new Map<string, ImpactFinding>();
  const decision = result.decision;
  if (!decision) {
    for (const error of result.errors) {
      findings.set(`problem:${error.path}:${error.message}`, {
        kind: 'problem',
        code: null,
        path: error.path,
        clause: null,
        message: error.message,
      });
    }
    return findings;
  }
  for (const d of decision.deficiencies) {
    findings.set(`deficiency:${d.code}:${d.path}`, {
      kind: 'deficiency',
      code: d.code,
      path: d.path,
      clause: d.citation,
      message: d.message,
    });
  }
  for (const [kind, codes] of [
    ['ground', decision.grounds],
    ['reason', decision.reasons],
  ] as const) {
    for (const code of codes) {
      findings.set(`${kind}:${code}`, {
        kind,
        code,
        path: null,
        clause: citationOf(decision, `${kind}:${code}`),
        message: null,
      });
    }
  }
  return findings;
}

function missingFrom(from: Map<string, ImpactFinding>, other: Map<string, ImpactFinding>): ImpactFinding[] {
  return [...from].filter(([key]) => !other.has(key)).map(([, finding]) => finding);
}

/** The first problem of a file that did not load, at its place. */
function unreadableOf(result: FileResult): UnreadableRequest {
  const first = result.errors[0];
  const message = first ? `${first.line}:${first.column} ${first.message}` : 'the file could not be loaded';
  return { file: result.file, message };
}

/**
 * Compares each file's result under the base's rules (`before`) with its result under the head's
 * (`after`), matched by file. A file that did not load is reported apart: loading is the same code on
 * both sides, so its results say nothing about the rules. A file only one side has is left out (the
 * caller evaluates the same files with both).
 */
export function compareResults(
  before: readonly FileResult[],
  after: readonly FileResult[],
): ImpactComparison {
  const byFile = new Map(before.map((r) => [r.file, r]));
  const changed: RequestImpact[] = [];
  const unreadable: UnreadableRequest[] = [];
  const unchanged: UnchangedRequest[] = [];
  for (const next of after) {
    const previous = byFile.get(next.file);
    if (!previous) continue;
    if (previous.unloadable || next.unloadable) {
      unreadable.push(unreadableOf(next.unloadable ? next : previous));
      continue;
    }
    const was = findingsOf(previous);
    const now = findingsOf(next);
    const appeared = missingFrom(now, was);
    const wentAway = missingFrom(was, now);
    const outcomes = { before: fileOutcome(previous), after: fileOutcome(next) };
    if (outcomes.before === outcomes.after && appeared.length === 0 && wentAway.length === 0) {
      unchanged.push({ file: next.file, id: next.id ?? previous.id, outcome: outcomes.after });
      continue;
    }
    changed.push({
      file: next.file,
      id: next.id ?? previous.id,
      program: next.decision?.program ?? previous.decision?.program ?? programOfPath(next.file),
      ...outcomes,
      appeared,
      wentAway,
    });
  }
  const byPath = (a: { file: string }, b: { file: string }): number =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
  return {
    changed: changed.sort(byPath),
    unchanged: unchanged.sort(byPath),
    unreadable: unreadable.sort(byPath),
  };
}
