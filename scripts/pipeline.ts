/**
 * One run over request files: load each, check it, and evaluate the valid ones with one policy
 * instance. A bad file becomes a result with located errors; it never stops the others.
 */
import { relative } from 'node:path';
import type { PolicyEvaluator } from './evaluate.ts';
import { loadRequestFile, type Position } from './load.ts';
import type { Decision, IsoDate, LocatedError } from './types.ts';

export interface FileResult {
  file: string;
  id: string | null;
  valid: boolean;
  errors: LocatedError[];
  decision: Decision | null;
  /** Line and column in the file of each JSON Pointer a deficiency names, so reports can point at it. */
  positions: Record<string, Position>;
}

export interface EvaluationReport {
  policy: { digest: string };
  evaluationDate: IsoDate;
  results: FileResult[];
}

function requestId(request: unknown): string | null {
  if (request && typeof request === 'object' && 'id' in request && typeof request.id === 'string')
    return request.id;
  return null;
}

export function evaluateFiles(
  files: string[],
  evaluator: PolicyEvaluator,
  evaluationDate: IsoDate,
  cwd: string = process.cwd(),
): EvaluationReport {
  const results = files.map((path): FileResult => {
    const file = relative(cwd, path) || path;
    const loaded = loadRequestFile(path);
    const errors = loaded.errors.map((e) => ({ ...e, file }));
    if (errors.length > 0) {
      return { file, id: requestId(loaded.request), valid: false, errors, decision: null, positions: {} };
    }
    const decision = evaluator.evaluate(loaded.request, evaluationDate);
    const positions: Record<string, Position> = {};
    for (const deficiency of decision.deficiencies)
      positions[deficiency.path] = loaded.locate(deficiency.path);
    return { file, id: requestId(loaded.request), valid: true, errors: [], decision, positions };
  });
  return { policy: { digest: evaluator.digest }, evaluationDate, results };
}

/** Whether a run's results let the check pass: every request ready for decision or not required. */
export function allAcceptable(report: EvaluationReport): boolean {
  return report.results.every(
    (r) =>
      r.decision !== null &&
      (r.decision.outcome === 'ready-for-decision' || r.decision.outcome === 'not-required'),
  );
}
