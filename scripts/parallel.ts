/**
 * Evaluates many request files on every core: worker threads each load the compiled policy and the
 * schema once and take batches of files from a shared queue; results come back in the files' order.
 * Small runs stay in this thread, where starting workers would cost more than it saves.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { defaultBuildDir, type PolicyManifest } from './build-policy.ts';
import { PolicyEvaluator, PolicyNotBuiltError } from './evaluate.ts';
import { type EvaluationReport, evaluateFiles, type FileResult } from './pipeline.ts';
import type { IsoDate } from './types.ts';
import type { BatchRequest, WorkerMessage, WorkerSetup } from './workers/protocol.ts';

/** Below this many files one thread is faster: a worker takes a few hundred milliseconds to start. */
export const PARALLEL_MIN_FILES = 600;
/** Files per batch: large enough to amortise messaging, small enough to keep every worker busy. */
const BATCH_SIZE = 250;

export interface RunOptions {
  cwd?: string;
  buildDir?: string;
  /** Worker threads to use; 1 evaluates in this thread. Default: one per core for large runs. */
  workers?: number;
}

function readManifest(buildDir: string): PolicyManifest {
  try {
    return JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as PolicyManifest;
  } catch {
    throw new PolicyNotBuiltError(`no compiled policy in ${buildDir}: run npm run build:policy first`);
  }
}

export async function evaluateRequestFiles(
  files: string[],
  evaluationDate: IsoDate,
  options: RunOptions = {},
): Promise<EvaluationReport> {
  const cwd = options.cwd ?? process.cwd();
  const buildDir = options.buildDir ?? defaultBuildDir;
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH_SIZE) batches.push(files.slice(i, i + BATCH_SIZE));
  const wanted = options.workers ?? (files.length >= PARALLEL_MIN_FILES ? availableParallelism() : 1);
  const workers = Math.max(1, Math.min(wanted, batches.length));
  if (workers === 1) return evaluateFiles(files, await PolicyEvaluator.load(buildDir), evaluationDate, cwd);

  const digest = readManifest(buildDir).digest;
  const setup: WorkerSetup = { buildDir, evaluationDate, cwd };
  const results: FileResult[][] = new Array(batches.length);
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      const dispatch = (worker: Worker) => {
        if (next >= batches.length) return;
        const request: BatchRequest = { batch: next, files: batches[next] as string[] };
        next++;
        worker.postMessage(request);
      };
      for (let i = 0; i < workers; i++) {
        const worker = new Worker(new URL('./workers/evaluation.js', import.meta.url), { workerData: setup });
        pool.push(worker);
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (done < batches.length) reject(new Error(`an evaluation worker stopped early (exit ${code})`));
        });
        worker.on('message', (message: WorkerMessage) => {
          if (message.kind === 'failed') return reject(new Error(message.message));
          if (message.kind === 'ready') {
            // Every worker must judge with the very policy this run reports.
            if (message.digest !== digest)
              return reject(new Error('the compiled policy changed during the run'));
            return dispatch(worker);
          }
          results[message.batch] = message.results;
          done++;
          if (done === batches.length) resolve();
          else dispatch(worker);
        });
      }
    });
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return { policy: { digest }, evaluationDate, results: results.flat() };
}
