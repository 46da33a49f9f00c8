/**
 * Everything a file's author has to look at, as one list in the order of the file: the format and
 * location errors, the policy's findings (the decision's, or an invalid file's provisional ones), the
 * warnings and the notes. `check` prints it, SARIF reports it; each escapes it for its destination.
 */
import type { Decision } from '../policy/decision.ts';
import type { FileResult } from '../run/pipeline.ts';

/** Where a finding comes from: the request format (schema, loader, location rules) or the policy. */
export type FindingSource = 'format' | 'policy';

/**
 * `error` blocks the request; `warning` does not but should be looked at; `note` is for reviewers. The
 * names are SARIF's levels, which editors and code scanning show.
 */
export type FindingLevel = 'error' | 'warning' | 'note';

export interface Finding {
  file: string;
  line: number;
  column: number;
  /** JSON Pointer into the request; empty for the file as a whole. */
  path: string;
  source: FindingSource;
  /** The policy's code for a policy finding; null for a format error. */
  code: string | null;
  level: FindingLevel;
  message: string;
  /** The clause of the policy texts a policy finding rests on. */
  citation: string | null;
}

const FILE_START = { line: 1, column: 1 };

/** The decision whose findings the author sees: the decision, or an invalid file's provisional one. */
export function judgedDecision(result: FileResult): Decision | null {
  return result.decision ?? result.provisional ?? null;
}

/** A file's findings, sorted by line and column (notes, which have no place, at the start of the file). */
export function findingsOf(result: FileResult): Finding[] {
  const findings: Finding[] = [];
  for (const e of result.errors) {
    findings.push({
      file: result.file,
      line: e.line,
      column: e.column,
      // A missing field is named itself, not the mapping that lacks it.
      path: e.field ?? e.path,
      source: 'format',
      code: null,
      level: 'error',
      message: e.message,
      citation: null,
    });
  }
  const decision = judgedDecision(result);
  // An ATO-bound decision's findings say what binds the agency: a reason to wait, not to correct.
  const level: FindingLevel = decision?.outcome === 'ato-bound' ? 'warning' : 'error';
  for (const d of decision?.deficiencies ?? []) {
    const at = result.positions[d.path] ?? FILE_START;
    findings.push({
      file: result.file,
      line: at.line,
      column: at.column,
      path: d.path,
      source: 'policy',
      code: d.code,
      level,
      message: d.message,
      citation: d.citation,
    });
  }
  for (const w of result.warnings ?? []) {
    findings.push({
      file: result.file,
      line: w.line,
      column: w.column,
      path: w.path,
      source: 'format',
      code: null,
      level: 'warning',
      message: w.message,
      citation: null,
    });
  }
  // Notes belong with a decision; on an invalid file they would only repeat once it is fixed.
  for (const n of result.decision?.notes ?? []) {
    findings.push({
      file: result.file,
      ...FILE_START,
      path: '',
      source: 'policy',
      code: n.code,
      level: 'note',
      message: n.message,
      citation: n.citation,
    });
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}
