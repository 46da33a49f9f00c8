/**
 * What a change to the rules does to every request on file, as a plan before an apply: the policy, request
 * schema and reference data of each commit are built from that commit's git objects (the same cache the
 * audit compiles past policies with), and every request file of the head is judged by both.
 *
 * Nothing of either commit is executed: the head's Rego is data that OPA compiles to WebAssembly, its
 * schemas are data Ajv compiles, and its requests are read out of git objects like a pull request's
 * (`export.ts`); the code that runs is this checkout's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { UserError } from '../core/errors.ts';
import { listTree, resolveRevision } from '../core/git.ts';
import type { PolicyEvaluator } from '../policy/evaluator.ts';
import { PolicyCache, type PolicyOrigin } from '../policy/versions.ts';
import type { SchemaCheck } from '../request/schema-check.ts';
import type { IsoDate } from '../request/types.ts';
import { compareResults, type Impact, type UnreadableRequest } from '../run/impact.ts';
import { evaluateFiles, type FileResult } from '../run/pipeline.ts';
import { changedFiles, classifyPath, comparePaths, isSafeRepoPath, rulesChangedIn } from './changes.ts';
import { exportRequestFiles } from './export.ts';
import { recordAt } from './record.ts';

export interface ImpactInput {
  /** A git repository holding both commits (read as git data only). */
  repoDir: string;
  base: string;
  head: string;
  date: IsoDate;
  /** Where each side's policy comes from (default `sources`: compiled with the pinned OPA). */
  origin?: PolicyOrigin;
  /** Built policies by their sources; one is made for the run when not given (its origin then counts). */
  cache?: PolicyCache;
}

/** What judges on one side: its built policy and its request schema. */
interface Judge {
  name: 'base' | 'head';
  evaluator: PolicyEvaluator;
  digest: string;
  schemaCheck: SchemaCheck;
}

/** One side's policy could not be had from where it was asked for (`origin`). */
export class PolicyUnavailableError extends UserError {
  constructor(
    message: string,
    readonly origin: PolicyOrigin,
  ) {
    super(message);
  }
}

/** The built policy of one side, or a plain error naming the side and why it could not be built. */
async function judgeAt(cache: PolicyCache, side: Judge['name'], ref: string, commit: string): Promise<Judge> {
  const version = await cache.atCommit(commit);
  if (!version.evaluator) {
    const why = version.error ?? 'no policy was built';
    throw new PolicyUnavailableError(`the ${side} (${ref}) cannot judge requests: ${why}`, cache.origin);
  }
  return {
    name: side,
    evaluator: version.evaluator,
    digest: version.digest ?? version.evaluator.digest,
    // A side without a request schema is judged by its policy alone, as the audit does.
    schemaCheck: version.schemaCheck ?? (() => []),
  };
}

/** The request files of a commit, in path order, and how many were left out for their names. */
function requestFilesAt(repoDir: string, commit: string): { paths: string[]; unsafe: number } {
  const requests = listTree(repoDir, commit, ['requests/'])
    .map((entry) => entry.path)
    .filter((path) => classifyPath(path).kind === 'request');
  const paths = requests.filter(isSafeRepoPath).sort(comparePaths);
  return { paths, unsafe: requests.length - paths.length };
}

/**
 * Judges every request file of the head with the base's rules and with the head's, and compares. Each side
 * applies its own request schema, policy and reference data; both check renewals against the record of
 * the base (what is granted now), so that only the rules differ between the two.
 */
export async function computeImpact(input: ImpactInput): Promise<Impact> {
  const base = resolveRevision(input.repoDir, input.base);
  const head = resolveRevision(input.repoDir, input.head);
  const cache = input.cache ?? new PolicyCache({ repoDir: input.repoDir, origin: input.origin ?? 'sources' });
  const before = await judgeAt(cache, 'base', input.base, base);
  const after = await judgeAt(cache, 'head', input.head, head);
  const { paths, unsafe } = requestFilesAt(input.repoDir, head);
  const scratch = mkdtempSync(join(tmpdir(), 'impact-requests-'));
  try {
    const exported = exportRequestFiles(input.repoDir, head, paths, scratch);
    let record: ReturnType<typeof recordAt> | undefined;
    const recordOfBase = () => {
      record ??= recordAt(input.repoDir, base);
      return record;
    };
    // One file at a time, so that a policy that cannot decide one request (the head's may not be total)
    // is reported for that request and the others are still judged.
    const failures: UnreadableRequest[] = [];
    const judge = (side: Judge): FileResult[] =>
      exported.files.flatMap((path) => {
        try {
          return evaluateFiles([path], side.evaluator, input.date, scratch, recordOfBase, side.schemaCheck)
            .results;
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          failures.push({
            file: relative(scratch, path),
            message: `the ${side.name}'s policy could not decide: ${why}`,
          });
          return [];
        }
      });
    const comparison = compareResults(judge(before), judge(after));
    const unreadable = [
      ...comparison.unreadable,
      ...failures,
      ...exported.problems.map((p) => ({ file: p.request, message: p.message })),
      ...(unsafe > 0
        ? [
            {
              file: 'requests/',
              message: `${unsafe} request file(s) with characters outside letters, digits, ".", "_", "-" and "/" in their names were not judged`,
            },
          ]
        : []),
    ].sort((a, b) => comparePaths(a.file, b.file));
    return {
      base: { ref: input.base, commit: base, policyDigest: before.digest },
      head: { ref: input.head, commit: head, policyDigest: after.digest },
      evaluationDate: input.date,
      policyOrigin: cache.origin,
      ...comparison,
      unreadable,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether a pull request changes the rules, from git. */
export function changesRules(repoDir: string, base: string, head: string): boolean {
  return rulesChangedIn(changedFiles(base, head, repoDir));
}

/**
 * The impact as a pull request's evaluation shows it: computed, or why it could not be, or (in the
 * trusted check's comment, which runs none of the pull request's rules) where the pull request's own run
 * lists it and how to compute it on one's own machine.
 */
export type ImpactSection =
  | { impact: Impact }
  | { error: string }
  | { elsewhere: { runUrl: string | undefined; base: string; head: string } };

/**
 * The impact of a pull request that changes the rules, for its evaluation; null when it changes none. It is
 * information: whatever goes wrong (the head's Rego does not compile, say) is said in the section and never
 * fails the evaluation, whose verdict does not depend on it.
 */
export async function pullRequestImpact(input: ImpactInput): Promise<ImpactSection | null> {
  if (!changesRules(input.repoDir, input.base, input.head)) return null;
  try {
    return { impact: await computeImpact(input) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
