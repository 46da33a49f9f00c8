/**
 * How many rounds of `check` it takes to fill in each example from the skeleton `new` writes (for the
 * example's program, agency and grounds, as `new` asks them), by a person who fixes exactly what each
 * round lists and nothing else. The person's answers are the
 * example's: a listed field the example has is written as the example has it, and one it lacks (a ground
 * not claimed, an optional field) is deleted, from the first part the example lacks. While filling in
 * the first round, the person also follows the skeleton's own "remove the # … when it applies" lines
 * where the example shows they apply (a designation, a renewal, an ATO notice). The documents are in
 * the request's folder from the start. A round is one run of `check`; the last round is the one that
 * shows the example's own outcome with nothing left to fix.
 *
 * `npm run rounds` prints the figure for every example; a test holds each to two rounds.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { examplesRoot } from '../core/paths.ts';
import { PolicyEvaluator } from '../policy/evaluator.ts';
import type { FileOutcome } from '../policy/outcomes.ts';
import { findingsOf } from '../render/findings.ts';
import { nextStep } from '../render/next-step.ts';
import { outcomeOf } from '../render/report.ts';
import { listRequestFiles } from '../request/discover.ts';
import { pointerSegments } from '../request/load.ts';
import { writeSkeleton } from '../request/skeleton.ts';
import type { IsoDate, Program } from '../request/types.ts';
import { evaluateFiles, type FileResult } from '../run/pipeline.ts';
import { documentsOf, scratchRepository } from './scratch.ts';

/** The most rounds tried before giving up: far above the goal, so a regression shows as a number. */
const MAX_ROUNDS = 8;

export interface RoundsResult {
  /** The outcome each round showed. */
  seen: FileOutcome[];
  example: string;
  /** The example's own outcome, which the filled-in skeleton must reach. */
  outcome: FileOutcome;
  /** Runs of `check` until that outcome with nothing left to fix; MAX_ROUNDS + 1 when never reached. */
  rounds: number;
  /** What each round listed (errors and findings to fix). */
  listed: number[];
}

type Json = unknown;

function has(value: Json, segments: readonly string[]): boolean {
  let node = value;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string, Json>)[segment];
  }
  return true;
}

function get(value: Json, segments: readonly string[]): Json {
  let node = value;
  for (const segment of segments) node = (node as Record<string, Json>)[segment];
  return node;
}

function set(target: Record<string, Json>, segments: readonly string[], value: Json): void {
  let node: Record<string, Json> = target;
  segments.slice(0, -1).forEach((segment, i) => {
    const next = node[segment];
    if (next === null || typeof next !== 'object') {
      node[segment] = /^\d+$/.test(segments[i + 1] ?? '') ? [] : {};
    }
    node = node[segment] as Record<string, Json>;
  });
  const last = segments[segments.length - 1];
  if (last !== undefined) node[last] = structuredClone(value);
}

function remove(target: Record<string, Json>, segments: readonly string[]): void {
  const parent = get(target, segments.slice(0, -1));
  const last = segments[segments.length - 1];
  if (last === undefined || parent === null || typeof parent !== 'object') return;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete (parent as Record<string, Json>)[last];
}

/**
 * The person's answer to one listed field: the example's value, or the field deleted. A field of a list
 * item is answered with the whole list, as the skeleton asks ("copy the block once for each further
 * service"): a person writes all their services or cost items, not only the first.
 */
function answer(draft: Record<string, Json>, example: Json, pointer: string): void {
  const all = pointerSegments(pointer);
  const item = all.findIndex((segment) => /^\d+$/.test(segment));
  const segments = item >= 0 ? all.slice(0, item) : all;
  if (has(example, segments)) {
    set(draft, segments, get(example, segments));
    return;
  }
  // Delete from the first part the example does not have (a ground it does not claim, say).
  const absent = segments.findIndex((_, i) => !has(example, segments.slice(0, i + 1)));
  if (has(draft, segments.slice(0, absent + 1))) remove(draft, segments.slice(0, absent + 1));
}

/** What a round lists for the person to act on: every finding but the notes for reviewers. */
function toFix(result: FileResult): string[] {
  return findingsOf(result)
    .filter((f) => f.level !== 'note')
    .map((f) => f.path);
}

/** The fields the skeleton offers commented out ("# designation:"), by name. */
function offeredFields(skeleton: string): Set<string> {
  return new Set([...skeleton.matchAll(/^\s*# ([a-z_]+):\s*$/gm)].map((m) => m[1] as string));
}

/** Every pointer in a value whose last segment is one of `names`. */
function pointersNamed(value: Json, names: Set<string>, at: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(names.has(key) ? [[...at, key]] : []),
    ...pointersNamed(child, names, [...at, key]),
  ]);
}

/** The skeleton's optional fields the example uses, written where the draft has their mapping. */
function uncommentOffered(draft: Record<string, Json>, example: Json, offered: Set<string>): void {
  for (const segments of pointersNamed(example, offered)) {
    if (has(draft, segments) || !has(draft, segments.slice(0, -1))) continue;
    set(draft, segments, get(example, segments));
  }
}

/** The rounds for one example file, in a scratch repository of its own. */
export function roundsFor(exampleFile: string, evaluator: PolicyEvaluator, date: IsoDate): RoundsResult {
  const example = parse(readFileSync(exampleFile, 'utf8')) as Record<string, Json>;
  const target = outcomeOf(evaluateFiles([exampleFile], evaluator, date).results[0] as FileResult);
  const { dir: scratch, remove } = scratchRepository('rounds');
  try {
    const program = example.program as Program;
    // The person tells `new` the grounds they claim, as its questions ask.
    const grounds = Object.keys((example.grounds ?? {}) as Record<string, Json>);
    const { file, folder } = writeSkeleton({
      requestsRoot: join(scratch, 'requests'),
      program,
      agency: String((example.agency as Record<string, Json>).code),
      id: String(example.id),
      year: Number(date.slice(0, 4)),
      ...(grounds.length > 0 ? { grounds } : {}),
    });
    if (existsSync(documentsOf(exampleFile))) cpSync(documentsOf(exampleFile), folder, { recursive: true });
    const offered = offeredFields(readFileSync(file, 'utf8'));
    const listed: number[] = [];
    const seen: FileOutcome[] = [];
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const [result] = evaluateFiles([file], evaluator, date, scratch).results;
      if (!result) throw new Error(`no result for ${file}`);
      const fix = toFix(result);
      listed.push(fix.length);
      seen.push(outcomeOf(result));
      const reached = outcomeOf(result) === target && (nextStep(result).done || nextStep(result).left === 0);
      if (reached)
        return { example: relative(examplesRoot, exampleFile), outcome: target, rounds: round, listed, seen };
      const draft = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, Json>;
      // What is listed is fixed in one go, the most specific place first so a deletion above it comes last.
      for (const pointer of [...new Set(fix)].sort((a, b) => b.length - a.length))
        answer(draft, example, pointer);
      if (round === 1) uncommentOffered(draft, example, offered);
      writeFileSync(file, stringify(draft, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }));
    }
    return {
      example: relative(examplesRoot, exampleFile),
      outcome: target,
      rounds: MAX_ROUNDS + 1,
      listed,
      seen,
    };
  } finally {
    remove();
  }
}

export async function allRounds(date: IsoDate): Promise<RoundsResult[]> {
  const evaluator = await PolicyEvaluator.load();
  return listRequestFiles(examplesRoot).map((file) => roundsFor(file, evaluator, date));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const date = process.argv[2] ?? '2026-11-22';
  const results = await allRounds(date);
  console.log(`Rounds of check to fill in each example from \`new\` (evaluated as of ${date}):`);
  console.log('');
  console.log('| example | outcome | rounds | listed per round | outcome per round |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results)
    console.log(
      `| ${r.example} | ${r.outcome} | ${r.rounds} | ${r.listed.join(', ')} | ${r.seen.join(', ')} |`,
    );
}
