/**
 * `npm run bench [-- --requests N]`: generates N synthetic requests (fixed seed) and measures, in one run
 * on this machine, our warm decision latency, the whole `exemptions evaluate` run (wall time, peak RSS,
 * files per second), cold start, and beside them OPA's own evaluator on the same Rego, data and inputs
 * (`opa bench` ns/op, and one batched `opa eval` over every input), conftest on the same files, Rego and
 * data through a thin wrapper (bench/conftest/decision.rego: wall and CPU time, peak RSS, cold start, and
 * whether it decides every file as we do), then where one file's time goes, stage by stage
 * (bench/stages.ts), and the audit over a generated history of 20,000 commits (bench/audit.ts;
 * `--audit-commits 0` leaves it out). Prints the tables and the goals beside what was measured, and writes
 * the figures as JSON. Method: docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compiledPolicyDir, policiesDir, repoRoot } from '../scripts/core/paths.ts';
import { readToolchain, resolveTool } from '../scripts/core/toolchain.ts';
import { buildPolicy, writeBuiltPolicy } from '../scripts/policy/compile.ts';
import type { Outcome } from '../scripts/policy/decision.ts';
import { PolicyEvaluator } from '../scripts/policy/evaluator.ts';
import { buildCli } from '../scripts/tools/build-cli.ts';
import type { AuditFigures } from './audit.ts';
import { generateRequests } from './generate.ts';
import { measureStages, printStages, type StageFigures } from './stages.ts';

const EVALUATION_DATE = '2026-11-22';
/** Files the stage breakdown times (twice: a warm-up pass, then the measured one). */
const STAGE_SAMPLE = 2000;

interface Figures {
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; opa: string };
  requests: number;
  outcomes: Record<string, number>;
  expectedOutcomeMismatches: number;
  warmDecision: { medianMicros: number; p99Micros: number; meanMicros: number };
  wholeRun: { wallSeconds: number; peakRssMiB: number; filesPerSecond: number; cpuSeconds: number };
  conftest: {
    version: string;
    wallSeconds: number;
    peakRssMiB: number;
    cpuSeconds: number;
    filesPerSecond: number;
    coldStartMillis: number;
    /** Files whose outcome under conftest differs from ours. */
    outcomeMismatches: number;
  };
  coldStartMillis: { median: number; runs: number[] };
  /** A bare `node -e 0` started the same way, median of 5: the floor any Node command starts from. */
  nodeStartMillis: number;
  /** `bench/audit.ts` over a generated history, when asked for (`--audit-commits`, 0 for none). */
  audit: AuditFigures | null;
  opa: {
    benchNsPerOp: number;
    batchedEval: { wallSeconds: number; peakRssMiB: number; inputsPerSecond: number } | null;
  };
  ratios: {
    warmDecisionOverOpaBench: number;
    filesPerSecondOverOpa: number | null;
    /** Conftest's wall time over ours, and per CPU-second. */
    wallOverConftest: number;
    cpuOverConftest: number;
  };
  stages: StageFigures;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** Milliseconds from spawning a command to its exit, for each of five runs in turn. */
function startMillis(command: string, args: string[]): number[] {
  return Array.from({ length: 5 }, () => {
    const started = process.hrtime.bigint();
    spawnSync(command, args);
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Runs a command under /usr/bin/time and returns its wall seconds and peak RSS (MiB). */
function timed(command: string, args: string[], options: { stdoutFile?: string; cwd?: string } = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '__time__ %e %M %U %S', command, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const match = /__time__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(result.stderr);
  if (!match) throw new Error(`could not time ${command}: ${result.stderr.slice(-500)}`);
  if (options.stdoutFile) writeFileSync(options.stdoutFile, result.stdout);
  return {
    status: result.status ?? 1,
    stdout: result.stdout,
    stderr: result.stderr,
    wallSeconds: Number(match[1]),
    peakRssMiB: Number(match[2]) / 1024,
    cpuSeconds: Number(match[3]) + Number(match[4]),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '10000' },
      'audit-commits': { type: 'string', default: '20000' },
      out: { type: 'string' },
    },
  });
  const auditCommits = Number(values['audit-commits']);
  if (!Number.isInteger(auditCommits) || auditCommits < 0)
    throw new Error('--audit-commits must be a whole number (0 for no audit benchmark)');
  const count = Number(values.requests);
  if (!Number.isInteger(count) || count < 10)
    throw new Error('--requests must be a whole number of at least 10');
  const opa = resolveTool('opa');
  if (!existsSync(join(compiledPolicyDir, 'manifest.json'))) writeBuiltPolicy(await buildPolicy());
  // The command is measured as users run it: compiled, never through the TypeScript compiler.
  await buildCli();

  const work = mkdtempSync(join(tmpdir(), 'exemptions-bench-'));
  try {
    const root = join(work, 'requests');
    process.stderr.write(`generating ${count} requests in ${root}\n`);
    const generated = generateRequests(root, count);

    // Warm decision latency: one instance, data set once, inputs already parsed.
    const evaluator = await PolicyEvaluator.load();
    for (let i = 0; i < Math.min(500, generated.length); i++) {
      evaluator.evaluate((generated[i] as (typeof generated)[number]).request, EVALUATION_DATE);
    }
    const durations: number[] = [];
    const outcomes: Record<string, number> = {};
    let mismatches = 0;
    for (const file of generated) {
      const started = process.hrtime.bigint();
      const decision = evaluator.evaluate(file.request, EVALUATION_DATE);
      durations.push(Number(process.hrtime.bigint() - started) / 1000);
      const key = `${file.scenario.program} ${decision.outcome}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      if (decision.outcome !== (file.scenario.outcome as Outcome)) mismatches++;
    }
    durations.sort((a, b) => a - b);
    const warmDecision = {
      medianMicros: percentile(durations, 50),
      p99Micros: percentile(durations, 99),
      meanMicros: durations.reduce((a, b) => a + b, 0) / durations.length,
    };

    // Whole run: the command a reviewer runs, over every file.
    process.stderr.write('timing exemptions evaluate over every file\n');
    const bin = join(repoRoot, 'bin/exemptions.js');
    const evaluate = (target: string) => [
      bin,
      'evaluate',
      '--format',
      'json',
      '--date',
      EVALUATION_DATE,
      target,
    ];
    const run = timed(process.execPath, evaluate(root));
    const parsed = JSON.parse(run.stdout) as { results: unknown[] };
    if (parsed.results.length !== count)
      throw new Error(`evaluate reported ${parsed.results.length} of ${count} files`);
    const wholeRun = {
      wallSeconds: run.wallSeconds,
      peakRssMiB: run.peakRssMiB,
      filesPerSecond: count / run.wallSeconds,
      cpuSeconds: run.cpuSeconds,
    };
    const ours = new Map(
      (parsed.results as { file: string; decision: { outcome: string } | null }[]).map((r) => [
        join(repoRoot, r.file),
        r.decision?.outcome ?? 'invalid',
      ]),
    );

    // Cold start: process start to the first decision, one file.
    const first = (generated[0] as (typeof generated)[number]).path;
    const coldRuns = startMillis(process.execPath, evaluate(first));
    const nodeRuns = startMillis(process.execPath, ['-e', '0']);

    // Conftest beside us: the same files, Rego and reference data, through a wrapper that computes our
    // decision once per file (bench/conftest/decision.rego).
    process.stderr.write('timing conftest over every file\n');
    const conftest = measureConftest(resolveTool('conftest'), root, first, ours);

    // OPA beside us: the same Rego and data, a representative input.
    process.stderr.write('running opa bench and a batched opa eval\n');
    const representative = generated.find((f) => f.scenario.name === 'functionality ground') ?? generated[0];
    const inputFile = join(work, 'input.json');
    writeFileSync(
      inputFile,
      JSON.stringify({ request: representative?.request, context: { evaluation_date: EVALUATION_DATE } }),
    );
    const ignore = ['--ignore', '*_test.rego', '--ignore', 'capabilities.json', '--ignore', '*.md'];
    const bench = spawnSync(
      opa,
      [
        'bench',
        '--format',
        'json',
        ...ignore,
        '-d',
        policiesDir,
        '--input',
        inputFile,
        'data.exemptions.decision',
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (bench.status !== 0) throw new Error(`opa bench failed: ${bench.stderr}`);
    const benchResult = JSON.parse(bench.stdout) as { N: number; T: number };
    const benchNsPerOp = benchResult.T / benchResult.N;

    let batchedEval: Figures['opa']['batchedEval'] = null;
    const casesDir = join(work, 'cases');
    mkdirSync(casesDir);
    writeFileSync(
      join(casesDir, 'data.json'),
      JSON.stringify({
        bench_inputs: generated.map((f) => ({
          request: f.request,
          context: { evaluation_date: EVALUATION_DATE },
        })),
      }),
    );
    const evalRun = timed(opa, [
      'eval',
      '--format',
      'json',
      ...ignore,
      '-d',
      policiesDir,
      '-d',
      join(casesDir, 'data.json'),
      'count([d | some x in data.bench_inputs; d := data.exemptions.decision with input as x])',
    ]);
    if (evalRun.status !== 0)
      process.stderr.write(`batched opa eval failed: ${evalRun.stderr.slice(-2000)}\n`);
    else {
      batchedEval = {
        wallSeconds: evalRun.wallSeconds,
        peakRssMiB: evalRun.peakRssMiB,
        inputsPerSecond: count / evalRun.wallSeconds,
      };
    }

    // Where one file's time goes, stage by stage, on a sample of the same files (one thread, warm).
    process.stderr.write('timing the stages of one file\n');
    const stages = await measureStages(
      generated.slice(0, STAGE_SAMPLE).map((f) => f.path),
      EVALUATION_DATE,
    );

    const audit = auditCommits > 0 ? measureAudit(auditCommits, work) : null;

    const figures: Figures = {
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        opa: readToolchain().opa.version,
      },
      requests: count,
      outcomes,
      expectedOutcomeMismatches: mismatches,
      warmDecision,
      wholeRun,
      coldStartMillis: { median: median(coldRuns), runs: coldRuns },
      nodeStartMillis: median(nodeRuns),
      audit,
      opa: { benchNsPerOp, batchedEval },
      conftest,
      ratios: {
        warmDecisionOverOpaBench: (warmDecision.medianMicros * 1000) / benchNsPerOp,
        filesPerSecondOverOpa: batchedEval ? wholeRun.filesPerSecond / batchedEval.inputsPerSecond : null,
        wallOverConftest: conftest.wallSeconds / wholeRun.wallSeconds,
        cpuOverConftest: conftest.cpuSeconds / wholeRun.cpuSeconds,
      },
      stages,
    };
    printTable(figures);
    printStages(figures.stages);
    printGoals(figures);
    const out = values.out ?? join(repoRoot, 'bench-results', 'latest.json');
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`\nfigures written to ${out}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The audit benchmark (bench/audit.ts) over a generated history of about `commits` commits: each request
 * merge is two commits (the pull request's and its merge), and the policy changes eight times.
 */
function measureAudit(commits: number, work: string): AuditFigures {
  const merges = Math.max(1, Math.round((commits - 17) / 2));
  const out = join(work, 'audit.json');
  process.stderr.write(`timing the audit over a history of ${merges} request merges (generating it first)\n`);
  const run = spawnSync(
    join(repoRoot, 'node_modules', '.bin', 'tsx'),
    [join(repoRoot, 'bench', 'audit.ts'), '--merges', String(merges), '--json', out],
    { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (run.status !== 0) throw new Error('the audit benchmark failed (its output is above)');
  return JSON.parse(readFileSync(out, 'utf8')) as AuditFigures;
}

/** Each goal the performance work set, beside what this run measured. */
function printGoals(f: Figures): void {
  const cpuPerFile = (f.wholeRun.cpuSeconds * 1e6) / f.requests;
  const conftestCpuPerFile = (f.conftest.cpuSeconds * 1e6) / f.requests;
  const rows: [string, string, string, boolean][] = [
    [
      `evaluate over ${f.requests} files, ${f.machine.cpus} cores`,
      `${f.wholeRun.filesPerSecond.toFixed(0)} files/s; ${f.ratios.wallOverConftest.toFixed(1)}x conftest's wall time`,
      '>= 3,000 files/s and >= 5x conftest',
      f.wholeRun.filesPerSecond >= 3000 && f.ratios.wallOverConftest >= 5,
    ],
    [
      'CPU time per file',
      `${cpuPerFile.toFixed(0)} µs against conftest's ${conftestCpuPerFile.toFixed(0)} µs (${f.ratios.cpuOverConftest.toFixed(1)}x)`,
      '>= 3x better than conftest',
      f.ratios.cpuOverConftest >= 3,
    ],
    [
      'cold start, one file to its decision',
      `${f.coldStartMillis.median.toFixed(0)} ms; node -e 0 ${f.nodeStartMillis.toFixed(0)} ms (${(f.coldStartMillis.median / f.nodeStartMillis).toFixed(1)}x); conftest ${f.conftest.coldStartMillis.toFixed(0)} ms`,
      '<= 200 ms, <= 1.5x node -e 0, faster than conftest',
      f.coldStartMillis.median <= 200 &&
        f.coldStartMillis.median <= 1.5 * f.nodeStartMillis &&
        f.coldStartMillis.median < f.conftest.coldStartMillis,
    ],
    [
      'warm decision, median',
      `${f.warmDecision.medianMicros.toFixed(0)} µs`,
      '<= 50 µs',
      f.warmDecision.medianMicros <= 50,
    ],
    [
      `peak RSS at ${f.requests} files`,
      `${f.wholeRun.peakRssMiB.toFixed(0)} MiB`,
      '<= 200 MiB',
      f.wholeRun.peakRssMiB <= 200,
    ],
  ];
  if (f.audit) {
    const total = f.audit.auditSeconds + f.audit.signatureSeconds;
    rows.push([
      `audit over ${f.audit.commits} commits (signatures verified)`,
      `${total.toFixed(1)} s (audit ${f.audit.auditSeconds.toFixed(1)} s + a real GitHub signature checked once per merge ${f.audit.signatureSeconds.toFixed(1)} s); peak RSS ${f.audit.peakRssMiB} MiB`,
      '<= 30 s',
      total <= 30,
    ]);
  }
  console.log('\nGoals, from this run:\n');
  console.log('| measure | measured | goal | met |');
  console.log('| --- | --- | --- | --- |');
  for (const [what, measured, goal, met] of rows)
    console.log(`| ${what} | ${measured} | ${goal} | ${met ? 'yes' : 'no'} |`);
}

/**
 * Conftest over the same files: its wall time, CPU time and peak RSS, a one-file cold start (median of
 * 5), and how many files it decides otherwise than we did.
 */
function measureConftest(
  conftest: string,
  root: string,
  first: string,
  ours: Map<string, string>,
): Figures['conftest'] {
  const args = (target: string) => [
    'test',
    '--no-color',
    '--output',
    'json',
    '--namespace',
    'main',
    '--policy',
    join(repoRoot, 'bench', 'conftest'),
    '--policy',
    policiesDir,
    '--ignore',
    '_test\\.rego$',
    '--data',
    join(compiledPolicyDir, 'data.json'),
    target,
  ];
  const run = timed(conftest, args(root));
  const reports = JSON.parse(run.stdout) as {
    filename: string;
    failures?: { msg: string }[];
    warnings?: { msg: string }[];
  }[];
  let mismatches = 0;
  for (const report of reports) {
    const outcome = report.failures?.[0]?.msg ?? report.warnings?.[0]?.msg ?? 'none';
    if (ours.get(report.filename) !== outcome) mismatches++;
  }
  mismatches += Math.max(0, ours.size - reports.length);
  const cold = startMillis(conftest, args(first));
  // A conftest built by go install calls itself "dev": the pin says which version it is.
  const version = `conftest ${readToolchain().conftest.version}`;
  return {
    version,
    wallSeconds: run.wallSeconds,
    peakRssMiB: run.peakRssMiB,
    cpuSeconds: run.cpuSeconds,
    filesPerSecond: ours.size / run.wallSeconds,
    coldStartMillis: median(cold),
    outcomeMismatches: mismatches,
  };
}

function printTable(f: Figures): void {
  const row = (what: string, ours: string, opa: string) => console.log(`| ${what} | ${ours} | ${opa} |`);
  console.log(
    `\n${f.requests} requests, ${f.machine.cpus} cores (${f.machine.cpuModel}), Node ${f.machine.node}, OPA ${f.machine.opa}\n`,
  );
  console.log('| measure | ours (wasm in Node) | OPA (Go evaluator) |');
  console.log('| --- | --- | --- |');
  row(
    'warm decision, median',
    `${f.warmDecision.medianMicros.toFixed(1)} µs`,
    `${(f.opa.benchNsPerOp / 1000).toFixed(1)} µs (opa bench)`,
  );
  row('warm decision, p99', `${f.warmDecision.p99Micros.toFixed(1)} µs`, '');
  row(
    'whole run, wall',
    `${f.wholeRun.wallSeconds.toFixed(2)} s (parse + schema + policy)`,
    f.opa.batchedEval
      ? `${f.opa.batchedEval.wallSeconds.toFixed(2)} s (one opa eval, inputs as JSON)`
      : 'failed',
  );
  row(
    'files per second',
    f.wholeRun.filesPerSecond.toFixed(0),
    f.opa.batchedEval ? f.opa.batchedEval.inputsPerSecond.toFixed(0) : '',
  );
  row(
    'peak RSS',
    `${f.wholeRun.peakRssMiB.toFixed(0)} MiB`,
    f.opa.batchedEval ? `${f.opa.batchedEval.peakRssMiB.toFixed(0)} MiB` : '',
  );
  row('cold start to first decision, median of 5', `${f.coldStartMillis.median.toFixed(0)} ms`, '');
  row('node -e 0, median of 5', `${f.nodeStartMillis.toFixed(0)} ms`, '');

  row('ratio: our warm decision / opa bench', f.ratios.warmDecisionOverOpaBench.toFixed(2), '');
  row(
    'ratio: our files/s / OPA batched eval',
    f.ratios.filesPerSecondOverOpa === null ? 'n/a' : f.ratios.filesPerSecondOverOpa.toFixed(2),
    '',
  );
  console.log(`\nBeside conftest (${f.conftest.version}), same files, Rego and data, in the same run:\n`);
  console.log('| measure | ours | conftest | ratio |');
  console.log('| --- | --- | --- | --- |');
  console.log(
    `| whole run, wall | ${f.wholeRun.wallSeconds.toFixed(2)} s | ${f.conftest.wallSeconds.toFixed(2)} s | ${f.ratios.wallOverConftest.toFixed(1)}x |`,
  );
  console.log(
    `| whole run, CPU seconds | ${f.wholeRun.cpuSeconds.toFixed(2)} s | ${f.conftest.cpuSeconds.toFixed(2)} s | ${f.ratios.cpuOverConftest.toFixed(1)}x |`,
  );
  console.log(
    `| files per second | ${f.wholeRun.filesPerSecond.toFixed(0)} | ${f.conftest.filesPerSecond.toFixed(0)} | |`,
  );
  console.log(
    `| peak RSS | ${f.wholeRun.peakRssMiB.toFixed(0)} MiB | ${f.conftest.peakRssMiB.toFixed(0)} MiB | |`,
  );
  console.log(
    `| cold start, one file, median of 5 | ${f.coldStartMillis.median.toFixed(0)} ms | ${f.conftest.coldStartMillis.toFixed(0)} ms | |`,
  );
  console.log(`\nfiles conftest decides otherwise than we do: ${f.conftest.outcomeMismatches}`);
  console.log(
    `\noutcomes: ${Object.entries(f.outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(`requests whose outcome differs from the scenario's intent: ${f.expectedOutcomeMismatches}`);
}

await main();
