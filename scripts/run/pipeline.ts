/**
 * One run over request files: load each, check it against the schema and the location rules, and
 * evaluate the valid ones with one policy instance. An invalid file becomes a result with located
 * errors and no decision; it never stops the others. The policy is still asked about the parts of an
 * invalid file that are present and well formed, so that a person sees every finding in one pass; those
 * findings are provisional and never a decision.
 */
import { relative } from 'node:path';
import type { Decision, ExemptionRecord } from '../policy/decision.ts';
import type { PolicyEvaluator } from '../policy/evaluator.ts';
import { isAcceptable } from '../policy/outcomes.ts';
import { renewsOf } from '../request/fields.ts';
import { type Position, pointerSegments } from '../request/load.ts';
import type { SchemaCheck } from '../request/schema-check.ts';
import type { IsoDate, LocatedError } from '../request/types.ts';
import { type CheckedRequest, checkRequestFile } from '../request/validate.ts';

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
  /**
   * An invalid file that loaded: what the policy finds in the parts that are present and well formed,
   * leaving out what the errors already cover. Null when the file could not be loaded or the policy
   * could not judge what is there. Never a decision, and not part of the JSON report.
   */
  provisional?: Decision | null;
  /** True when the file could not be loaded at all (its bytes, encoding or YAML): nothing judged it. */
  unloadable?: boolean;
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

/**
 * `schema` is the request check to apply instead of the project's own (another commit's schema, as
 * `impact` applies each side's).
 */
export function evaluateFiles(
  files: string[],
  evaluator: PolicyEvaluator,
  evaluationDate: IsoDate,
  cwd: string = process.cwd(),
  source?: RecordSource,
  schema?: SchemaCheck,
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
  const results = files.map(
    (path): FileResult =>
      fileResult(checkRequestFile(path, relative(cwd, path) || path, schema), (request) =>
        evaluator.evaluate(request, evaluationDate, recordFor(request)),
      ),
  );
  return { policy: { digest: evaluator.digest }, evaluationDate, results };
}

/**
 * The result of one checked request: its decision when it is valid, else its errors with the policy's
 * provisional findings on the parts that are present. `evaluate` decides a request (the run's date and
 * record are bound in it). The one place a checked request becomes a result, for every run and the page.
 */
export function fileResult(checked: CheckedRequest, evaluate: (request: unknown) => Decision): FileResult {
  const { file, id, errors, warnings, loaded } = checked;
  const positionsOf = (decision: Decision | null): Record<string, Position> => {
    const positions: Record<string, Position> = {};
    for (const deficiency of decision?.deficiencies ?? [])
      positions[deficiency.path] = loaded.locate(deficiency.path);
    return positions;
  };
  if (!checked.valid) {
    const provisional =
      loaded.errors.length > 0 ? null : provisionalDecision(checked.request, errors, evaluate);
    const positions = positionsOf(provisional);
    const invalid = { file, id, valid: false, errors, decision: null, positions, warnings, provisional };
    return loaded.errors.length > 0 ? { ...invalid, unloadable: true } : invalid;
  }
  const decision = evaluate(checked.request);
  return { file, id, valid: true, errors: [], decision, positions: positionsOf(decision), warnings };
}

/** Whether `pointer` is `field` or lies under it. */
function within(pointer: string, field: string): boolean {
  return pointer === field || pointer.startsWith(`${field}/`) || field === '';
}

/**
 * The request with every part an error is about taken out: a field removed from its mapping, a list item
 * left as null so that the items after it keep their places. What remains is what the policy may judge.
 */
export function presentParts(request: unknown, errors: readonly LocatedError[]): unknown {
  const copy: unknown = structuredClone(request);
  for (const error of errors) {
    const segments = pointerSegments(error.field ?? error.path);
    const last = segments.pop();
    if (last === undefined) continue;
    let parent: unknown = copy;
    for (const segment of segments) {
      parent =
        parent !== null && typeof parent === 'object'
          ? (parent as Record<string, unknown>)[segment]
          : undefined;
    }
    if (Array.isArray(parent) && /^\d+$/.test(last) && Number(last) < parent.length)
      parent[Number(last)] = null;
    else if (parent !== null && typeof parent === 'object' && !Array.isArray(parent))
      delete (parent as Record<string, unknown>)[last];
  }
  return copy;
}

/**
 * What the policy finds in the present parts of an invalid request, without the findings the errors
 * already make (at or under a field an error is about). Null when the request is not a mapping, an error
 * is about the whole request, or the policy cannot judge what is left: then the errors say it all.
 */
export function provisionalDecision(
  request: unknown,
  errors: readonly LocatedError[],
  evaluate: (request: unknown) => Decision,
): Decision | null {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return null;
  const fields = errors.map((e) => e.field ?? e.path);
  if (fields.includes('')) return null;
  let decision: Decision;
  try {
    decision = evaluate(presentParts(request, errors));
  } catch {
    return null;
  }
  const deficiencies = decision.deficiencies.filter((d) => !fields.some((field) => within(d.path, field)));
  const kept = new Set(deficiencies.map((d) => `deficiency:${d.code}`));
  const citations = decision.citations.filter(
    (c) => !c.subject.startsWith('deficiency:') || kept.has(c.subject),
  );
  return { ...decision, deficiencies, citations };
}

/** Whether a run's results let the check pass: every request ready for decision or not required. */
export function allAcceptable(report: EvaluationReport): boolean {
  return report.results.every((r) => isAcceptable(r.decision?.outcome));
}
