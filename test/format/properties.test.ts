/**
 * Property tests: whatever text or value arrives, checking it never throws, and every problem found
 * is placed on a real line and column and worded in plain words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  loadRequestBytes,
  loadRequestText,
  pointerFrom,
  pointerSegments,
} from '../../scripts/request/load.ts';
import { schemaErrors, schemaProblems } from '../../scripts/request/validate.ts';
import { AJV_WORDING, exampleRequest } from '../support/requests.ts';

const RUNS = { numRuns: 300 };

function checkText(text: string): void {
  const loaded = loadRequestText('arbitrary.yaml', text);
  const lineCount = text.split('\n').length;
  for (const error of [...loaded.errors, ...schemaErrors(loaded)]) {
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lineCount);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.message).not.toMatch(AJV_WORDING);
    expect(error.message.length).toBeGreaterThan(0);
  }
}

/** Text built from the pieces YAML gives meaning to, so the generator reaches the parser's corners. */
const yamlish = fc
  .array(
    fc.constantFrom(
      '- ',
      '? ',
      ': ',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&a ',
      '*a',
      '!!str ',
      '!x ',
      '<<: ',
      '__proto__: ',
      '---\n',
      '...\n',
      '%YAML 1.2\n',
      '#c',
      '"',
      "'",
      '|\n',
      '>\n',
      '\n',
      '  ',
      '\t',
      'key',
      'format: 1\n',
      'id: x\n',
      '0x1F',
      '.inf',
      '2026-02-30',
      'é',
      '\u2028',
      '\ufeff',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('checking never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), checkText), RUNS);
  });

  it('on text made of YAML syntax', () => {
    fc.assert(fc.property(yamlish, checkText), RUNS);
  });

  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const loaded = loadRequestBytes('bytes.yaml', bytes);
        schemaErrors(loaded);
      }),
      RUNS,
    );
  });

  it('on arbitrary JSON values given to the schema', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const problem of schemaProblems(value)) {
          expect(typeof problem.pointer).toBe('string');
          expect(problem.message).not.toMatch(AJV_WORDING);
        }
      }),
      RUNS,
    );
  });

  it('on arbitrary JSON values written as YAML', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => checkText(stringify(value))),
      RUNS,
    );
  });

  it('on a valid request with any one field replaced by any value', () => {
    const base = exampleRequest('calnet', 'dwr-2026-sd-wan');
    const paths: (string | number)[][] = [];
    const collect = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) collect(v, [...path, i]);
      } else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) collect(v, [...path, k]);
    };
    collect(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), (path, value) => {
        const request = structuredClone(base);
        let node = request as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[path[path.length - 1] as string | number] = value;
        checkText(stringify(request));
      }),
      RUNS,
    );
  });
});

describe('JSON Pointers', () => {
  it('round-trip any keys, "/" and "~" included', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (segments) => {
        expect(pointerSegments(pointerFrom(segments))).toEqual(segments);
      }),
      RUNS,
    );
  });
});
