/** Messages between the main thread and the evaluation workers. */

import type { ExemptionRecord } from '../../policy/decision.ts';
import type { IsoDate } from '../../request/types.ts';
import type { FileResult } from '../pipeline.ts';

export interface WorkerSetup {
  buildDir: string;
  evaluationDate: IsoDate;
  cwd: string;
  record?: ExemptionRecord;
}

export interface BatchRequest {
  batch: number;
  files: string[];
}

export type WorkerMessage =
  | { kind: 'ready'; digest: string }
  | { kind: 'results'; batch: number; results: FileResult[] }
  | { kind: 'failed'; message: string };
