/**
 * One run over request files: load each, check it against the schema and the location rules, and
 * evaluate the valid ones with one policy instance. An invalid file becomes a result with located
 * errors and no decision (the policy is not asked); it never stops the others.
 */
import { relative } from 'node:path';
import type { Decision, ExemptionRecord } from '../policy/decision.ts';
import type { PolicyEvaluator } from '../policy/evaluator.ts';
import { isAcceptable } from '../policy/outcomes.ts';
import { renewsOf } from '../request/fields.ts';
import type { Position } from '../request/load.ts';
import type { IsoDate, LocatedError } from '../request/types.ts';
import { checkRequestFile } from '../request/validate.ts';

export interface FileResult {
  file: string;
  id: string | null;
  valid: boolean;
  errors: LocatedError[];
  decision: Decision | null;
  /** Line and column in the file of each JSON Pointer a deficiency names, so reports can point at it. */
  positions: Record<string, Position>;
  /** What does not make the file invalid but is worth saying (e.g. a draft outside `requests/`). */
  warnings?: LocatedError[];
}

export interface EvaluationReport {
  policy: { digest: string };
  evaluationDate: IsoDate;
  results: FileResult[];
}

/**
 * The record of granted exemptions a renewal is checked against, or how to read it: it is read only when
 * a request names an exemption it renews, and then once. Undefined means there is no record to read
 * (the policy then notes the renewal as unchecked), which is not the same as an empty record.
 */
export type RecordSource = ExemptionRecord | (() => ExemptionRecord | undefined);

export function evaluateFiles(
  files: string[],
  evaluator: PolicyEvaluator,
  evaluationDate: IsoDate,
  cwd: string = process.cwd(),
  source?: RecordSource,
): EvaluationReport {
  let read = typeof source !== 'function';
  let record: ExemptionRecord | undefined = typeof source === 'function' ? undefined : source;
  const recordFor = (request: unknown): ExemptionRecord | undefined => {
    if (!read && typeof source === 'function' && renewsOf(request) !== null) {
      record = source();
      read = true;
    }
    return record;
  };
  const results = files.map((path): FileResult => {
    const file = relative(cwd, path) || path;
    const checked = checkRequestFile(path, file);
    const { id, errors, warnings, loaded } = checked;
    if (!checked.valid) return { file, id, valid: false, errors, decision: null, positions: {}, warnings };
    const decision = evaluator.evaluate(checked.request, evaluationDate, recordFor(checked.request));
    const positions: Record<string, Position> = {};
    for (const deficiency of decision.deficiencies)
      positions[deficiency.path] = loaded.locate(deficiency.path);
    return { file, id, valid: true, errors: [], decision, positions, warnings };
  });
  return { policy: { digest: evaluator.digest }, evaluationDate, results };
}

/** Whether a run's results let the check pass: every request ready for decision or not required. */
export function allAcceptable(report: EvaluationReport): boolean {
  return report.results.every((r) => isAcceptable(r.decision?.outcome));
}
