/**
 * Evaluates many request files on every core: this thread and one worker thread per other core each
 * load the compiled policy and the schema once and take batches of files from one queue; results come
 * back in the files' order. Small runs stay in this thread, where starting workers would cost more than
 * it saves. This thread works too rather than only dispatching: a worker is a whole second V8 (and a
 * second module loader), so one worker fewer is some 45 MB less at no cost in speed.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compiledPolicyDir, repoRoot } from '../core/paths.ts';
import { type Progress, silentProgress } from '../core/progress.ts';
import type { ExemptionRecord } from '../policy/decision.ts';
import { PolicyEvaluator } from '../policy/evaluator.ts';
import type { IsoDate } from '../request/types.ts';
import { type EvaluationReport, evaluateFiles, type FileResult, type RecordSource } from './pipeline.ts';
import type { BatchRequest, WorkerMessage, WorkerSetup } from './workers/protocol.ts';

/** Below this many files one thread is faster: a worker takes a few hundred milliseconds to start. */
export const PARALLEL_MIN_FILES = 600;
/**
 * Files per batch: small enough that this thread, between two batches of its own, answers the workers
 * often; large enough to amortise messaging.
 */
const BATCH_SIZE = 50;
/** Batches a worker holds at once, so that it never waits while this thread is inside a batch. */
const WORKER_QUEUE = 3;

export interface RunOptions {
  cwd?: string;
  buildDir?: string;
  /** Threads that evaluate, this one included; 1 evaluates in this thread only. Default: one per core for large runs. */
  workers?: number;
  /** The record of granted exemptions renewals are checked against. */
  record?: RecordSource;
  /** Told of every batch of files done, so a long run can show how far it is. */
  progress?: Progress;
}

/**
 * The worker's entry: the compiled one beside the bundle when this runs compiled, else the source's
 * shim that registers tsx first (tests and maintainer scripts run the TypeScript).
 */
const workerEntry = import.meta.url.endsWith('.ts')
  ? new URL('./workers/evaluation.js', import.meta.url)
  : join(repoRoot, 'dist', 'run', 'workers', 'evaluation.js');

/** A record source read at most once, however many batches ask for it. */
function readOnce(source: RecordSource | undefined): RecordSource | undefined {
  if (typeof source !== 'function') return source;
  let read = false;
  let record: ExemptionRecord | undefined;
  return () => {
    if (!read) record = source();
    read = true;
    return record;
  };
}

export async function evaluateRequestFiles(
  files: string[],
  evaluationDate: IsoDate,
  options: RunOptions = {},
): Promise<EvaluationReport> {
  const cwd = options.cwd ?? process.cwd();
  const buildDir = options.buildDir ?? compiledPolicyDir;
  const evaluator = await PolicyEvaluator.load(buildDir);
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH_SIZE) batches.push(files.slice(i, i + BATCH_SIZE));
  const wanted = options.workers ?? (files.length >= PARALLEL_MIN_FILES ? availableParallelism() : 1);
  const threads = Math.max(1, Math.min(wanted, batches.length));
  const progress = options.progress ?? silentProgress;
  progress.phase('evaluating requests', files.length);
  try {
    if (threads === 1) {
      const source = readOnce(options.record);
      const results = batches.flatMap((batch) => {
        const done = evaluateFiles(batch, evaluator, evaluationDate, cwd, source).results;
        progress.tick(batch.length);
        return done;
      });
      return { policy: { digest: evaluator.digest }, evaluationDate, results };
    }
    return await evaluateInThreads(batches, evaluator, evaluationDate, {
      ...options,
      cwd,
      buildDir,
      threads,
    });
  } finally {
    progress.done();
  }
}

async function evaluateInThreads(
  batches: string[][],
  evaluator: PolicyEvaluator,
  evaluationDate: IsoDate,
  options: RunOptions & { cwd: string; buildDir: string; threads: number },
): Promise<EvaluationReport> {
  const { cwd, buildDir, threads } = options;
  const progress = options.progress ?? silentProgress;

  const digest = evaluator.digest;
  // Workers cannot call back for the record, so a large run reads it once, before it starts.
  const record = typeof options.record === 'function' ? options.record() : options.record;
  const setup: WorkerSetup = record
    ? { buildDir, evaluationDate, cwd, record }
    : { buildDir, evaluationDate, cwd };
  const results: FileResult[][] = new Array(batches.length);
  const pool: Worker[] = [];
  let next = 0;
  let outstanding = 0;
  let finished = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const rouse = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const fail = (error: Error) => {
    failure ??= error;
    rouse();
  };

  try {
    for (let i = 1; i < threads; i++) {
      const worker = new Worker(workerEntry, { workerData: setup });
      pool.push(worker);
      let held = 0;
      const feed = () => {
        while (held < WORKER_QUEUE && next < batches.length) {
          const request: BatchRequest = { batch: next, files: batches[next] as string[] };
          next++;
          held++;
          outstanding++;
          worker.postMessage(request);
        }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!finished) fail(new Error(`an evaluation worker stopped early (exit ${code})`));
      });
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'failed') return fail(new Error(message.message));
        if (message.kind === 'ready') {
          // Every worker must judge with the very policy this run reports.
          if (message.digest !== digest) return fail(new Error('the compiled policy changed during the run'));
          return feed();
        }
        results[message.batch] = message.results;
        progress.tick(message.results.length);
        held--;
        outstanding--;
        feed();
        rouse();
      });
    }
    // This thread takes batches from the same queue, letting the workers' answers in between two of them.
    while (!failure) {
      if (next < batches.length) {
        const batch = next++;
        results[batch] = evaluateFiles(
          batches[batch] as string[],
          evaluator,
          evaluationDate,
          cwd,
          record,
        ).results;
        progress.tick(batches[batch]?.length ?? 0);
        await new Promise((resolve) => setImmediate(resolve));
      } else if (outstanding > 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      } else break;
    }
    if (failure) throw failure;
  } finally {
    finished = true;
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return { policy: { digest }, evaluationDate, results: results.flat() };
}
