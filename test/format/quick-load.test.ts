/**
 * The quick YAML path answers only where the full loader would accept the text without an error and read
 * the same value; everywhere else it steps aside. Every YAML file the repository holds, and thousands of
 * variants of the examples broken in the ways people and attackers break YAML, are read both ways.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import { fullLoad, loadRequestText, quickDifference } from '../../scripts/request/load.ts';
import { quickLoad, sameReading } from '../../scripts/request/quick-load.ts';
import { examples, yamlFiles } from '../support/requests.ts';

const repositoryYaml = ['examples', 'requests', 'test/support/fixtures'].flatMap((dir) =>
  yamlFiles(join(repoRoot, dir)),
);
const exampleTexts = yamlFiles(examples).map((path) => readFileSync(path, 'utf8'));

/**
 * The rule the quick path lives by, for one text: when it answers, the full loader agrees exactly, on
 * the value and on the place of every value and key.
 */
function agrees(text: string): boolean {
  const quick = quickLoad(text);
  return quick === undefined || quickDifference('variant.yaml', text, quick) === undefined;
}

describe('the quick YAML path', () => {
  it('reads every example as the full loader does, and takes every example', () => {
    expect(exampleTexts.length).toBeGreaterThanOrEqual(8);
    for (const text of exampleTexts) {
      const quick = quickLoad(text);
      expect(quick).toBeDefined();
      expect(sameReading(quick, fullLoad('example.yaml', text).request)).toBe(true);
    }
  });

  it('agrees with the full loader on every YAML file in the repository', () => {
    expect(repositoryYaml.length).toBeGreaterThan(20);
    for (const path of repositoryYaml) {
      expect(agrees(readFileSync(path, 'utf8')), path).toBe(true);
    }
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a custom tag', 'a: !thing x\n'],
    ['a flow collection', 'a: [1, 2]\n'],
    ['a flow mapping', 'a: {b: 1}\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a tab', 'a:\t1\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a merge key', 'a: 1\n<<: {b: 2}\n'],
    ['a prototype key', '__proto__: 1\n'],
    ['a key YAML 1.1 reads as a boolean', 'on: 1\n'],
    ['a one-letter key YAML 1.1 reads as a boolean', 'n: 1\n'],
    ['a key read as a number', '1: a\n'],
    ['a list at the top', '- a\n'],
    ['a scalar at the top', 'just text\n'],
    ['only a comment', '# nothing\n'],
    ['a reserved indicator', 'a: @b\n'],
    ['a comment right after a quote', 'a: "x"#c\n'],
    ['text right after a quote', "a: 'x' y\n"],
    [
      'nesting at the limit',
      `${Array.from({ length: 16 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`,
    ],
  ])('steps aside for %s', (_what, text) => {
    expect(quickLoad(text)).toBeUndefined();
  });

  it('keeps the prose characters of ordinary text', () => {
    expect(quickLoad('provider: AT&T\nnote: Q&A, yes!\nurl: https://example.gov/a?b=1\n')).toEqual({
      provider: 'AT&T',
      note: 'Q&A, yes!',
      url: 'https://example.gov/a?b=1',
    });
  });

  it("resolves plain scalars with the yaml library's core schema", () => {
    const text = [
      'v_a: 0o17',
      'v_b: 1_000',
      'v_c: .5',
      'v_d: -.inf',
      'v_e: ~',
      'v_f: Yes',
      'v_g: True',
      'v_h: 0x1F',
      'v_i: 1e3',
      'v_j: 0b101',
      'v_k: 2026-02-01',
      'l:',
      'v_m: -0',
      'v_n: .NaN',
      'v_o: 007',
      "v_p: '12'",
      'v_q: |',
      '  two',
      '  lines',
      '',
    ].join('\n');
    const quick = quickLoad(text);
    expect(quick).toBeDefined();
    expect(sameReading(quick, fullLoad('scalars.yaml', text).request)).toBe(true);
    expect(quick).toMatchObject({
      v_a: 15,
      v_b: '1_000',
      v_c: 0.5,
      v_e: null,
      v_f: 'Yes',
      v_g: true,
      v_h: 31,
      v_j: '0b101',
    });
  });

  it('leaves places to the full loader, which runs only when a place is asked for', () => {
    const text = exampleTexts[0] as string;
    const loaded = loadRequestText('example.yaml', text);
    expect(loaded.locate('/id')).toEqual(fullLoad('example.yaml', text).locate('/id'));
    expect(loaded.locate('/id', { key: true })).toEqual(
      fullLoad('example.yaml', text).locate('/id', { key: true }),
    );
  });

  /** One edit of the kinds that break YAML: a character put in or taken out, a line moved or re-indented. */
  const edit = fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      piece: fc.constantFrom(
        ' ',
        '\n',
        ':',
        ': ',
        '- ',
        '#',
        '"',
        "'",
        '\\',
        '|',
        '>',
        '|-',
        '>+',
        '&',
        '*',
        '!',
        '?',
        '[',
        ']',
        '{',
        '}',
        ',',
        '%',
        '@',
        '`',
        '~',
        '\t',
        '\r',
        '\u00a0',
        '\u2028',
        'é',
        '0x',
        '.5',
        'yes',
        'on: ',
        '<<: ',
        '  ',
        '---\n',
        '...\n',
        'x: y\n',
        '"\\x41"',
        "''",
        '\\u00e9',
      ),
    }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -3, max: 3 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), line: fc.nat() }),
  );
  type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

  function apply(text: string, change: Edit): string {
    const lines = text.split('\n');
    switch (change.kind) {
      case 'insert': {
        const at = change.at % (text.length + 1);
        return text.slice(0, at) + change.piece + text.slice(at);
      }
      case 'delete': {
        const at = change.at % (text.length + 1);
        return text.slice(0, at) + text.slice(at + change.length);
      }
      case 'indent': {
        const i = change.line % lines.length;
        const line = lines[i] as string;
        lines[i] =
          change.by >= 0 ? ' '.repeat(change.by) + line : line.replace(new RegExp(`^ {0,${-change.by}}`), '');
        return lines.join('\n');
      }
      case 'duplicate': {
        const i = change.line % lines.length;
        lines.splice(i, 0, lines[i] as string);
        return lines.join('\n');
      }
      case 'swap': {
        const i = change.line % Math.max(1, lines.length - 1);
        [lines[i], lines[i + 1]] = [lines[i + 1] as string, lines[i] as string];
        return lines.join('\n');
      }
    }
  }

  it('agrees with the full loader on thousands of broken variants of the examples', () => {
    let quickAnswers = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: exampleTexts.length - 1 }),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (which, changes) => {
          const text = changes.reduce(apply, exampleTexts[which] as string);
          if (quickLoad(text) !== undefined) quickAnswers++;
          return agrees(text);
        },
      ),
      { numRuns: Number(process.env.QUICK_RUNS ?? 4000), seed: Number(process.env.QUICK_SEED ?? 20261203) },
    );
    // Most single edits leave ordinary YAML, so the quick path must have been tried on many variants.
    expect(quickAnswers).toBeGreaterThan(1000);
  });
});
