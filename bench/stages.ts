/**
 * Where one file's time goes: each request file is taken through the stages of `exemptions evaluate` one
 * at a time, in this thread, with a clock around each stage: read the bytes, YAML parse with the hostile-
 * input checks, JSON Schema, location rules, the policy decision, and the file positions of the
 * deficiencies. The library functions are the ones the pipeline calls; only the clock is added. Run
 * alone with `npx tsx bench/stages.ts [--requests N]`; `npm run bench` runs it too.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PolicyEvaluator } from '../scripts/policy/evaluator.ts';
import { renderReport } from '../scripts/render/report.ts';
import { loadRequestBytes } from '../scripts/request/load.ts';
import { checkLocation } from '../scripts/request/location.ts';
import type { IsoDate } from '../scripts/request/types.ts';
import { schemaProblems } from '../scripts/request/validate.ts';
import { evaluateFiles } from '../scripts/run/pipeline.ts';
import { useEnvironmentCopy } from '../scripts/run/workers/environment.ts';
import { generateRequests } from './generate.ts';

export const STAGES = [
  { key: 'read', label: 'read the file (readFileSync)' },
  { key: 'load', label: 'YAML parse + hostile-input checks (loadRequestBytes)' },
  { key: 'schema', label: 'JSON Schema (Ajv, compiled once)' },
  { key: 'location', label: 'location rules (checkLocation: name, folder, documents on disk)' },
  { key: 'policy', label: 'policy decision (wasm, PolicyEvaluator.evaluate)' },
  { key: 'positions', label: 'file positions of the deficiencies (locate)' },
] as const;

export type StageKey = (typeof STAGES)[number]['key'];

export interface StageFigures {
  files: number;
  /** Per stage: median and mean microseconds per file, and the stage's share of the summed time. */
  stages: Record<StageKey, { medianMicros: number; meanMicros: number; share: number }>;
  /** The summed stages per file, mean: what one thread spends on a file outside start-up and output. */
  perFileMeanMicros: number;
  /** Files per second one thread reaches through `evaluateFiles` (the pipeline itself, no clocks inside). */
  pipelineFilesPerSecond: number;
  /** Rendering the JSON report of all the files, once. */
  renderJsonMillis: number;
  /** One-off costs each process (and each worker) pays before its first file. */
  startup: { policyLoadMillis: number; schemaCompileMillis: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const now = () => process.hrtime.bigint();
const micros = (from: bigint, to: bigint) => Number(to - from) / 1000;

/** Measures the stages over `paths` (request files in a request tree) as of `evaluationDate`. */
export async function measureStages(paths: string[], evaluationDate: IsoDate): Promise<StageFigures> {
  // Timed as an evaluation worker runs them, and large runs are evaluated in workers.
  useEnvironmentCopy();
  let started = now();
  const evaluator = await PolicyEvaluator.load();
  const policyLoadMillis = micros(started, now()) / 1000;
  started = now();
  schemaProblems({});
  const schemaCompileMillis = micros(started, now()) / 1000;

  const samples: Record<StageKey, number[]> = {
    read: [],
    load: [],
    schema: [],
    location: [],
    policy: [],
    positions: [],
  };
  const pass = (record: boolean) => {
    for (const path of paths) {
      const t0 = now();
      const bytes = readFileSync(path);
      const t1 = now();
      const loaded = loadRequestBytes(path, bytes);
      const t2 = now();
      const problems = schemaProblems(loaded.request);
      const t3 = now();
      const location = checkLocation(path, loaded.request);
      const t4 = now();
      const valid = loaded.errors.length === 0 && problems.length === 0 && location.errors.length === 0;
      const decision = valid ? evaluator.evaluate(loaded.request, evaluationDate) : null;
      const t5 = now();
      for (const deficiency of decision?.deficiencies ?? []) loaded.locate(deficiency.path);
      const t6 = now();
      if (!record) continue;
      samples.read.push(micros(t0, t1));
      samples.load.push(micros(t1, t2));
      samples.schema.push(micros(t2, t3));
      samples.location.push(micros(t3, t4));
      samples.policy.push(micros(t4, t5));
      samples.positions.push(micros(t5, t6));
    }
  };
  // A first pass warms the JIT and the page cache, as a long run is warm after its first files.
  pass(false);
  pass(true);

  const totals = Object.fromEntries(
    STAGES.map(({ key }) => [key, samples[key].reduce((a, b) => a + b, 0)]),
  ) as Record<StageKey, number>;
  const sum = Object.values(totals).reduce((a, b) => a + b, 0);
  const stages = Object.fromEntries(
    STAGES.map(({ key }) => [
      key,
      {
        medianMicros: median(samples[key]),
        meanMicros: totals[key] / paths.length,
        share: totals[key] / sum,
      },
    ]),
  ) as StageFigures['stages'];

  started = now();
  const report = evaluateFiles(paths, evaluator, evaluationDate);
  const pipelineSeconds = micros(started, now()) / 1e6;
  started = now();
  renderReport(report, 'json');
  const renderJsonMillis = micros(started, now()) / 1000;

  return {
    files: paths.length,
    stages,
    perFileMeanMicros: sum / paths.length,
    pipelineFilesPerSecond: paths.length / pipelineSeconds,
    renderJsonMillis,
    startup: { policyLoadMillis, schemaCompileMillis },
  };
}

export function printStages(f: StageFigures): void {
  console.log(`\nwhere one file's time goes (one thread, ${f.files} files, warm):\n`);
  console.log('| stage | median per file | mean per file | share |');
  console.log('| --- | --- | --- | --- |');
  for (const { key, label } of STAGES) {
    const s = f.stages[key];
    console.log(
      `| ${label} | ${s.medianMicros.toFixed(1)} µs | ${s.meanMicros.toFixed(1)} µs | ${(s.share * 100).toFixed(0)}% |`,
    );
  }
  console.log(`| all stages | | ${f.perFileMeanMicros.toFixed(1)} µs | 100% |`);
  console.log(
    `\none thread through evaluateFiles: ${f.pipelineFilesPerSecond.toFixed(0)} files/s; JSON report of all files: ${f.renderJsonMillis.toFixed(0)} ms; once per process or worker: policy load ${f.startup.policyLoadMillis.toFixed(0)} ms, schema compile ${f.startup.schemaCompileMillis.toFixed(0)} ms`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' } } });
  const count = Number(values.requests);
  const work = mkdtempSync(join(tmpdir(), 'exemptions-stages-'));
  try {
    const generated = generateRequests(join(work, 'requests'), count);
    printStages(
      await measureStages(
        generated.map((g) => g.path),
        '2026-11-22',
      ),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
