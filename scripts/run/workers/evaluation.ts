/**
 * One evaluation worker: loads the compiled policy once, then checks and evaluates the batches of
 * request files the main thread sends, answering each with its results in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PolicyEvaluator } from '../../policy/evaluator.ts';
import { evaluateFiles } from '../pipeline.ts';
import { useEnvironmentCopy } from './environment.ts';
import type { BatchRequest, WorkerMessage, WorkerSetup } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('this module runs only as a worker thread');
const setup = workerData as WorkerSetup;
useEnvironmentCopy();
const evaluator = await PolicyEvaluator.load(setup.buildDir);
const send = (message: WorkerMessage) => port.postMessage(message);
send({ kind: 'ready', digest: evaluator.digest });

port.on('message', (batch: BatchRequest) => {
  try {
    const report = evaluateFiles(batch.files, evaluator, setup.evaluationDate, setup.cwd, setup.record);
    send({ kind: 'results', batch: batch.batch, results: report.results });
  } catch (error) {
    send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
