/**
 * One evaluation of a pull request, as a bounded, closed record: what the comment, the job summary and
 * the status are rendered from. The trusted check builds it in memory from its own evaluation. The
 * courtesy run writes it as a run artifact, checked here on the way out; whoever reads that file back
 * (`readArtifact`) treats it as untrusted input, because the run that wrote it ran on a pull request:
 * size cap, strict schema, safe paths, and the head commit the reader expects. No command posts it.
 */
import { lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { ARTIFACT_MAX_BYTES } from '../core/limits.ts';
import { repoRoot } from '../core/paths.ts';
import type { CoveredTerm, Decision, GroundCode, Outcome } from '../policy/decision.ts';
import type { IsoDate, Program } from '../request/types.ts';
import type { EvaluationReport, FileResult } from '../run/pipeline.ts';
import { type IntegrityFinding, isSafeRepoPath } from './changes.ts';

export const ARTIFACT_FORMAT = 1;
/** The artifact's name in the workflow run and its one file inside. */
export const ARTIFACT_NAME = 'exemption-evaluation';
export const ARTIFACT_FILE = 'evaluation.json';
export const artifactSchemaPath = join(repoRoot, 'schemas', 'evaluation-artifact.schema.json');
const decisionSchemaPath = join(repoRoot, 'schemas', 'decision.schema.json');

/** Limits the writer clamps to; the schema holds the same numbers and rejects anything beyond them. */
const LIMITS = {
  text: 2000,
  citation: 500,
  subject: 200,
  approver: 300,
  pointer: 500,
  itemsPerList: 100,
  notes: 50,
  results: 200,
  files: 200,
  positions: 200,
} as const;

export interface ArtifactError {
  path: string;
  line: number;
  column: number;
  message: string;
}

export interface ArtifactDeficiency {
  code: string;
  path: string;
  message: string;
  citation: string;
}

export interface ArtifactDecision {
  outcome: Outcome;
  program: Program | null;
  reasons: string[];
  grounds: GroundCode[];
  deficiencies: ArtifactDeficiency[];
  notes: { code: string; message: string; citation: string }[];
  approver: string | null;
  available_from: IsoDate | null;
  /** Absent in artifacts from before the term was stated. */
  term?: CoveredTerm | null;
  citations: { subject: string; citation: string }[];
}

/**
 * What the policy finds in the well-formed parts of an invalid file, and who would decide it: findings
 * only, with no outcome, notes or citations, so that nothing can show them as a decision.
 */
export interface ArtifactProvisional {
  program: Program | null;
  approver: string | null;
  deficiencies: ArtifactDeficiency[];
}

export interface ArtifactResult {
  file: string;
  id: string | null;
  valid: boolean;
  errors: ArtifactError[];
  decision: ArtifactDecision | null;
  /**
   * An invalid file that loaded: the policy's findings in its well-formed parts, never a decision; null
   * for every other file. Absent in artifacts from before it was carried.
   */
  provisional?: ArtifactProvisional | null;
  positions: Record<string, { line: number; column: number }>;
  /** Errors, deficiencies or notes left out to keep the artifact small. */
  omitted: number;
}

/** One evaluation of a pull request's changed requests: what the comment and the job summary show. */
export interface EvaluationArtifact {
  format: typeof ARTIFACT_FORMAT;
  pull_request: { number: number; base_sha: string; head_sha: string };
  policy: { digest: string };
  evaluation_date: IsoDate;
  integrity: {
    tripped: boolean;
    request_files: string[];
    judging_files: IntegrityFinding['judgingFiles'];
  };
  removed_requests: string[];
  /**
   * Changed request files with no result. The evaluation leaves this empty (it evaluates every changed
   * request); the API cross-check fills it from GitHub's file list, so no changed request goes unseen.
   */
  unevaluated_requests: string[];
  misplaced_files: string[];
  /** Changed files whose names are not safe to echo; reported by count only. */
  unsafe_paths: number;
  /** Results left out because the pull request changes more requests than the artifact holds. */
  omitted_results: number;
  /** GitHub's file list for the pull request stopped at its limit (set by the API cross-check). */
  file_list_truncated: boolean;
  /** Set by the trusted check for a pull request that changes workflow files; null otherwise. */
  workflow_approval: WorkflowApproval | null;
  results: ArtifactResult[];
}

/** The workflow files a pull request changes, their code owners, and who of them approved its head. */
export interface WorkflowApproval {
  files: string[];
  owners: string[];
  /** Logins of owners who approved the head; empty unless every file has such an approval. */
  approved_by: string[];
}

/** The workflow files (`.github/`, `.ci/`) among a pull request's changed files. */
export function workflowFiles(artifact: EvaluationArtifact): string[] {
  return artifact.integrity.judging_files.filter((f) => f.group === 'workflows').map((f) => f.path);
}

/** Whether every changed workflow file has an approval of the head by one of its code owners. */
export function workflowsApproved(artifact: EvaluationArtifact): boolean {
  const approval = artifact.workflow_approval;
  if (!approval || approval.approved_by.length === 0) return false;
  const covered = new Set(approval.files);
  return workflowFiles(artifact).every((file) => covered.has(file));
}

export class ArtifactRejectedError extends Error {}

function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

const codePattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
const safeCode = (code: string): string => (codePattern.test(code) ? code : 'unnamed');
const safePointer = (pointer: string): string => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = pointer.replace(/[\u0000-\u001f]/g, ' ');
  return cleaned.startsWith('/') || cleaned === '' ? clamp(cleaned, LIMITS.pointer) : '';
};

/** Projects a policy decision onto the artifact's closed shape, clamping every text to its limit. */
export function artifactDecision(decision: Decision): ArtifactDecision {
  return {
    outcome: decision.outcome,
    program: decision.program ?? null,
    reasons: (decision.reasons ?? []).slice(0, 20).map(safeCode),
    grounds: [...new Set(decision.grounds ?? [])],
    deficiencies: (decision.deficiencies ?? []).map((d) => ({
      code: safeCode(d.code),
      path: safePointer(d.path ?? ''),
      message: clamp(String(d.message ?? ''), LIMITS.text),
      citation: clamp(String(d.citation ?? ''), LIMITS.citation),
    })),
    notes: (decision.notes ?? []).map((n) => ({
      code: safeCode(n.code),
      message: clamp(String(n.message ?? ''), LIMITS.text),
      citation: clamp(String(n.citation ?? ''), LIMITS.citation),
    })),
    approver: decision.approver == null ? null : clamp(String(decision.approver), LIMITS.approver),
    available_from: decision.available_from ?? null,
    term: decision.term ?? null,
    citations: (decision.citations ?? []).slice(0, LIMITS.itemsPerList).map((c) => ({
      subject: clamp(String(c.subject ?? ''), LIMITS.subject),
      citation: clamp(String(c.citation ?? ''), LIMITS.citation),
    })),
  };
}

function artifactResult(result: FileResult): ArtifactResult {
  const decision = result.decision ? artifactDecision(result.decision) : null;
  // Only an invalid file has provisional findings; a decision, when there is one, says it all.
  const provisional =
    result.provisional && !result.valid && !result.decision ? artifactDecision(result.provisional) : null;
  const errors = result.errors.map((e) => ({
    path: safePointer(e.path),
    line: Math.max(1, e.line),
    column: Math.max(1, e.column),
    message: clamp(e.message, LIMITS.text),
  }));
  let omitted = 0;
  const cap = <T>(items: T[], max: number): T[] => {
    omitted += Math.max(0, items.length - max);
    return items.slice(0, max);
  };
  const capped: ArtifactResult = {
    file: result.file,
    id: result.id === null ? null : clamp(result.id, 200),
    valid: result.valid,
    errors: cap(errors, LIMITS.itemsPerList),
    decision: decision && {
      ...decision,
      deficiencies: cap(decision.deficiencies, LIMITS.itemsPerList),
      notes: cap(decision.notes, LIMITS.notes),
    },
    provisional: provisional && {
      program: provisional.program,
      approver: provisional.approver,
      deficiencies: cap(provisional.deficiencies, LIMITS.itemsPerList),
    },
    positions: {},
    omitted: 0,
  };
  const judged = capped.decision ?? capped.provisional;
  const wanted = new Set(judged?.deficiencies.map((d) => d.path) ?? []);
  for (const [pointer, position] of Object.entries(result.positions)) {
    const key = safePointer(pointer);
    if (!wanted.has(key) || Object.keys(capped.positions).length >= LIMITS.positions) continue;
    capped.positions[key] = { line: Math.max(1, position.line), column: Math.max(1, position.column) };
  }
  capped.omitted = omitted;
  return capped;
}

/** Halves the longest list in the biggest result until the artifact fits; counts what it leaves out. */
function shrinkToFit(artifact: EvaluationArtifact, maxBytes: number): void {
  const size = () => Buffer.byteLength(JSON.stringify(artifact));
  while (size() > maxBytes) {
    let biggest: ArtifactResult | undefined;
    let biggestLength = 0;
    for (const r of artifact.results) {
      const length =
        r.errors.length +
        (r.decision?.deficiencies.length ?? 0) +
        (r.decision?.notes.length ?? 0) +
        (r.provisional?.deficiencies.length ?? 0);
      if (length > biggestLength) {
        biggest = r;
        biggestLength = length;
      }
    }
    if (!biggest) {
      const removed = artifact.results.splice(Math.ceil(artifact.results.length / 2));
      if (removed.length === 0) throw new Error('the evaluation artifact cannot be made small enough');
      artifact.omitted_results += removed.length;
      continue;
    }
    const halve = <T>(items: T[]): T[] => {
      const keep = Math.floor(items.length / 2);
      biggest.omitted += items.length - keep;
      return items.slice(0, keep);
    };
    biggest.errors = halve(biggest.errors);
    if (biggest.decision) {
      biggest.decision.deficiencies = halve(biggest.decision.deficiencies);
      biggest.decision.notes = halve(biggest.decision.notes);
    }
    if (biggest.provisional) biggest.provisional.deficiencies = halve(biggest.provisional.deficiencies);
  }
}

export interface ArtifactInput {
  pullRequest: { number: number; baseSha: string; headSha: string };
  report: EvaluationReport;
  integrity: IntegrityFinding;
  removedRequests: string[];
  misplacedFiles: string[];
  unsafePaths: number;
}

/** The artifact for one evaluation, within the size cap. Unsafe paths are left out and counted. */
export function buildArtifact(
  input: ArtifactInput,
  maxBytes: number = ARTIFACT_MAX_BYTES,
): EvaluationArtifact {
  let unsafe = input.unsafePaths;
  const safe = (paths: string[]): string[] =>
    paths.filter((p) => {
      if (isSafeRepoPath(p)) return true;
      unsafe += 1;
      return false;
    });
  const results = input.report.results.filter((r) => {
    if (isSafeRepoPath(r.file)) return true;
    unsafe += 1;
    return false;
  });
  const artifact: EvaluationArtifact = {
    format: ARTIFACT_FORMAT,
    pull_request: {
      number: input.pullRequest.number,
      base_sha: input.pullRequest.baseSha,
      head_sha: input.pullRequest.headSha,
    },
    policy: { digest: input.report.policy.digest },
    evaluation_date: input.report.evaluationDate,
    integrity: {
      tripped: input.integrity.tripped,
      request_files: safe(input.integrity.requestFiles).slice(0, LIMITS.files),
      judging_files: input.integrity.judgingFiles
        .filter((f) => {
          if (isSafeRepoPath(f.path)) return true;
          unsafe += 1;
          return false;
        })
        .slice(0, LIMITS.files),
    },
    removed_requests: safe(input.removedRequests).slice(0, LIMITS.files),
    unevaluated_requests: [],
    misplaced_files: safe(input.misplacedFiles).slice(0, LIMITS.files),
    unsafe_paths: 0,
    omitted_results: Math.max(0, results.length - LIMITS.results),
    file_list_truncated: false,
    workflow_approval: null,
    results: results.slice(0, LIMITS.results).map(artifactResult),
  };
  artifact.unsafe_paths = unsafe;
  shrinkToFit(artifact, maxBytes);
  return artifact;
}

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    formatsPlugin.default(ajv, ['date']);
    // The outcome vocabulary is the decision schema's, referenced rather than restated.
    ajv.addSchema(JSON.parse(readFileSync(decisionSchemaPath, 'utf8')) as object);
    validator = ajv.compile(JSON.parse(readFileSync(artifactSchemaPath, 'utf8')) as object);
  }
  return validator;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  // Instance paths can carry attacker-chosen keys: JSON-quote them so they cannot break a log line.
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${JSON.stringify(e.instancePath || '/')} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

/** Checks an artifact against the schema and the path rules; throws `ArtifactRejectedError` with why. */
export function checkArtifact(value: unknown): EvaluationArtifact {
  const check = validate();
  if (!check(value)) {
    throw new ArtifactRejectedError(
      `the artifact does not match schemas/evaluation-artifact.schema.json: ${describeErrors(check.errors)}`,
    );
  }
  const artifact = value as EvaluationArtifact;
  const paths = [
    ...artifact.results.map((r) => r.file),
    ...artifact.integrity.request_files,
    ...artifact.integrity.judging_files.map((f) => f.path),
    ...artifact.removed_requests,
    ...artifact.unevaluated_requests,
    ...artifact.misplaced_files,
  ];
  const unsafe = paths.filter((p) => !isSafeRepoPath(p));
  if (unsafe.length > 0) {
    throw new ArtifactRejectedError(
      `the artifact names ${unsafe.length} unsafe path(s), e.g. ${JSON.stringify(unsafe[0])}`,
    );
  }
  return artifact;
}

/** Writes the artifact after checking it against the same rules a reader applies. */
export function writeArtifact(file: string, artifact: EvaluationArtifact): void {
  checkArtifact(artifact);
  const pretty = `${JSON.stringify(artifact, null, 2)}\n`;
  mkdirSync(dirname(file), { recursive: true });
  // The size cap is measured on the compact form; indentation is a courtesy that must not break it.
  writeFileSync(file, Buffer.byteLength(pretty) > ARTIFACT_MAX_BYTES ? JSON.stringify(artifact) : pretty);
}

/**
 * Reads and verifies an artifact downloaded from a workflow run: a regular file within the size cap,
 * valid JSON, valid against the strict schema, safe paths only, naming the head commit GitHub reported for
 * the run (`expectedHeadSha`, from the `workflow_run` event, not from the artifact).
 */
export function readArtifact(
  file: string,
  expectedHeadSha: string,
  maxBytes: number = ARTIFACT_MAX_BYTES,
): EvaluationArtifact {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(file);
  } catch {
    throw new ArtifactRejectedError(`no artifact file at ${file}`);
  }
  if (!stat.isFile()) throw new ArtifactRejectedError('the artifact is not a regular file');
  if (stat.size > maxBytes) {
    throw new ArtifactRejectedError(
      `the artifact is ${stat.size} bytes, over the limit of ${maxBytes} bytes`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ArtifactRejectedError('the artifact is not valid JSON');
  }
  const artifact = checkArtifact(value);
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(expectedHeadSha)) {
    throw new ArtifactRejectedError('the expected head commit is not a commit id');
  }
  if (artifact.pull_request.head_sha !== expectedHeadSha) {
    throw new ArtifactRejectedError(
      `the artifact names head commit ${artifact.pull_request.head_sha}, but the evaluation run was for ${expectedHeadSha}`,
    );
  }
  return artifact;
}
