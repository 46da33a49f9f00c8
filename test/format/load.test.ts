/** The loader's behaviour on well-formed files: values as written, pointers mapped to positions. */
import { describe, expect, it } from 'vitest';
import { loadRequestText, pointerFrom, pointerSegments } from '../../scripts/request/load.ts';

const text = [
  'format: 2', //                           line 1
  'submitted:', //                          line 2
  '  date: 2026-10-01', //                  line 3
  'a/b:', //                                line 4
  '  c~d:', //                              line 5
  '    - first', //                         line 6
  '    - { e/f~g: 2026-01-01 }', //         line 7
  'zip: 95814', //                          line 8
  'answer: yes', //                         line 9
].join('\n');

describe('loading a request', () => {
  const loaded = loadRequestText('keys.yaml', text);

  it('keeps dates as text and reads YAML 1.2 core values', () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.request).toEqual({
      format: 2,
      submitted: { date: '2026-10-01' },
      'a/b': { 'c~d': ['first', { 'e/f~g': '2026-01-01' }] },
      zip: 95814,
      answer: 'yes',
    });
  });

  it('maps pointers with escaped "/" and "~" to their values and keys', () => {
    expect(loaded.locate('/a~1b/c~0d/0')).toEqual({ line: 6, column: 7 });
    expect(loaded.locate('/a~1b/c~0d/1/e~1f~0g')).toEqual({ line: 7, column: 16 });
    expect(loaded.locate('/a~1b/c~0d/1/e~1f~0g', { key: true })).toEqual({ line: 7, column: 9 });
    expect(loaded.locate('/a~1b', { key: true })).toEqual({ line: 4, column: 1 });
  });

  it('maps a pointer to something absent to the nearest enclosing node', () => {
    expect(loaded.locate('/submitted/by/name')).toEqual({ line: 3, column: 3 });
    expect(loaded.locate('/a~1b/c~0d/9')).toEqual({ line: 6, column: 5 });
    expect(loaded.locate('')).toEqual({ line: 1, column: 1 });
  });

  it('decodes ~1 before ~0, as RFC 6901 requires', () => {
    expect(pointerSegments('/~01')).toEqual(['~1']);
    expect(pointerFrom(['~1'])).toBe('/~01');
    expect(pointerSegments('/')).toEqual(['']);
  });

  it('starts the root at its first field when comments come first', () => {
    const commented = loadRequestText('c.yaml', '# a comment\n\nformat: 1\n');
    expect(commented.locate('')).toEqual({ line: 3, column: 1 });
  });
});
