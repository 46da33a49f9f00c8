/**
 * The request schema runs as Ajv's standalone validator, generated at build time and committed in
 * compiled/schema/ (npm run check:compiled holds the code to a fresh generation). Here it must find
 * exactly the problems a fresh compile of the schema finds, for every fixture and example.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledSchemaDir } from '../../scripts/core/paths.ts';
import { loadRequestFile } from '../../scripts/request/load.ts';
import {
  committedChecker,
  committedValidator,
  compileRequestSchema,
  requestSchema,
} from '../../scripts/request/validate.ts';
import { examples, fixtures, scratchFolder, yamlFiles } from '../support/requests.ts';

/** Wrong values of every kind a field can be given by mistake. */
const WRONG = ['x', -1, 1.234, true, null, [], {}, '2026-13-45'];

/** The request with each field in turn removed, then given each wrong value. */
function* variants(request: unknown, at: (string | number)[] = []): Generator<unknown> {
  const node = at.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], request);
  if (node === null || typeof node !== 'object') return;
  for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
    for (const replacement of [undefined, ...WRONG]) {
      const copy = structuredClone(request) as Record<string, unknown>;
      const parent = at.reduce<unknown>((value, k) => (value as Record<string, unknown>)[k], copy) as Record<
        string | number,
        unknown
      >;
      if (replacement === undefined) delete parent[key];
      else parent[key] = replacement;
      yield copy;
    }
    yield* variants(request, [...at, key]);
  }
}

describe('the standalone request validator', () => {
  it('is committed for this very schema', () => {
    expect(committedChecker()).not.toBeNull();
  });

  it('finds exactly the problems a fresh compile finds, for every fixture and example', () => {
    const standalone = committedChecker();
    const compiled = compileRequestSchema(requestSchema());
    const files = [...yamlFiles(fixtures), ...yamlFiles(examples)];
    let compared = 0;
    for (const file of files) {
      const loaded = loadRequestFile(file);
      if (loaded.errors.length > 0) continue;
      expect(standalone?.problems(loaded.request), file).toEqual(compiled.problems(loaded.request));
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('finds exactly the problems a fresh compile finds when any field of an example is removed or wrong', () => {
    const standalone = committedChecker();
    const compiled = compileRequestSchema(requestSchema());
    let compared = 0;
    for (const file of yamlFiles(examples)) {
      const loaded = loadRequestFile(file);
      for (const variant of variants(loaded.request)) {
        expect(standalone?.problems(variant)).toEqual(compiled.problems(variant));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('is not used for a schema other than the one it was generated from', () => {
    const { dir, remove } = scratchFolder('standalone');
    try {
      cpSync(compiledSchemaDir, dir, { recursive: true });
      expect(committedValidator('{"changed": true}', dir)).toBeNull();
      writeFileSync(join(dir, 'manifest.json'), '{}');
      expect(committedValidator('{}', dir)).toBeNull();
    } finally {
      remove();
    }
  });
});
