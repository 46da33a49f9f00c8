import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRequests } from '../../bench/generate.ts';
import { compiledPolicyDir } from '../../scripts/core/paths.ts';
import { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { evaluateRequestFiles } from '../../scripts/run/parallel.ts';
import { evaluateFiles } from '../../scripts/run/pipeline.ts';
import type { WorkerMessage, WorkerSetup } from '../../scripts/run/workers/protocol.ts';

const scratch = mkdtempSync(join(tmpdir(), 'parallel-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('evaluation on several threads', () => {
  let files: string[];
  beforeAll(() => {
    files = generateRequests(join(scratch, 'requests'), 520).map((f) => f.path);
  });

  it('gives exactly the results of one thread, in the same order', async () => {
    const single = evaluateFiles(files, await PolicyEvaluator.load(), '2026-11-22', scratch);
    const parallel = await evaluateRequestFiles(files, '2026-11-22', { cwd: scratch, workers: 2 });
    expect(parallel.policy.digest).toBe(single.policy.digest);
    expect(parallel.results.map((r) => r.file)).toEqual(files.map((f) => f.slice(scratch.length + 1)));
    expect(parallel).toEqual(single);
  });

  it('keeps a bad file from stopping the others', async () => {
    const withMissing = [
      ...files.slice(0, 300),
      join(scratch, 'requests/calnet/missing.yaml'),
      ...files.slice(300),
    ];
    const report = await evaluateRequestFiles(withMissing, '2026-11-22', { cwd: scratch, workers: 2 });
    expect(report.results).toHaveLength(withMissing.length);
    expect(report.results[300]?.valid).toBe(false);
    expect(report.results[300]?.errors[0]?.message).toMatch(/does not exist|cannot be read|no such file/i);
    expect(report.results.filter((r) => r.decision !== null)).toHaveLength(files.length);
  });

  it('says plainly when the policy has not been built', async () => {
    await expect(
      evaluateRequestFiles(files, '2026-11-22', {
        cwd: scratch,
        workers: 2,
        buildDir: join(scratch, 'nowhere'),
      }),
    ).rejects.toThrow(/run npm run build:policy first/);
  });
});

/** Starts an evaluation worker, sends it one batch and returns every message it sent, in order. */
async function oneBatch(setup: WorkerSetup, files: string[]): Promise<WorkerMessage[]> {
  const worker = new Worker(new URL('../../scripts/run/workers/evaluation.js', import.meta.url), {
    workerData: setup,
  });
  const messages: WorkerMessage[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (message: WorkerMessage) => {
        messages.push(message);
        if (message.kind === 'ready') worker.postMessage({ batch: 7, files });
        else resolve();
      });
    });
  } finally {
    await worker.terminate();
  }
  return messages;
}

describe('an evaluation worker', () => {
  const setup: WorkerSetup = { buildDir: compiledPolicyDir, evaluationDate: '2026-11-22', cwd: scratch };
  let files: string[];
  beforeAll(() => {
    files = generateRequests(join(scratch, 'worker/requests'), 40).map((f) => f.path);
  });

  it('says which policy it loaded, then answers a batch with exactly the results of this thread', async () => {
    const here = evaluateFiles(files, await PolicyEvaluator.load(), '2026-11-22', scratch);
    const [ready, answer] = await oneBatch(setup, files);
    expect(here.results.filter((r) => r.decision !== null)).toHaveLength(files.length);
    expect(ready).toEqual({ kind: 'ready', digest: here.policy.digest });
    expect(answer).toEqual({ kind: 'results', batch: 7, results: here.results });
  });

  it('answers a bad file with its error, and the rest of the batch with decisions', async () => {
    const batch = [
      files[0] as string,
      join(scratch, 'worker/requests/calnet/missing.yaml'),
      files[1] as string,
    ];
    const [, answer] = await oneBatch(setup, batch);
    if (answer?.kind !== 'results') throw new Error(`expected results, got ${JSON.stringify(answer)}`);
    expect(answer.results.map((r) => r.valid)).toEqual([true, false, true]);
    expect(answer.results[1]?.errors[0]?.message).toMatch(/does not exist/);
  });
});
