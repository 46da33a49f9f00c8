import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRequests } from '../../bench/generate.ts';
import { PolicyEvaluator } from '../../scripts/evaluate.ts';
import { evaluateRequestFiles } from '../../scripts/parallel.ts';
import { evaluateFiles } from '../../scripts/pipeline.ts';

const scratch = mkdtempSync(join(tmpdir(), 'parallel-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('evaluation on several worker threads', () => {
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

  it('keeps a bad file from stopping the others in a worker', async () => {
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
