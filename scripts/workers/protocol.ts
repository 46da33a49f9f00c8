/** Messages between the main thread and the evaluation workers. */
import type { FileResult } from '../pipeline.ts';
import type { IsoDate } from '../types.ts';

export interface WorkerSetup {
  buildDir: string;
  evaluationDate: IsoDate;
  cwd: string;
}

export interface BatchRequest {
  batch: number;
  files: string[];
}

export type WorkerMessage =
  | { kind: 'ready'; digest: string }
  | { kind: 'results'; batch: number; results: FileResult[] }
  | { kind: 'failed'; message: string };
