/**
 * Request files come from pull requests. Each hostile shape is rejected with its own located, plain
 * message, without expanding, recursing or reading more than the caps allow. (No test here measures
 * time: "quickly" is shown by the caps being checked before parsing, and by nothing overflowing.)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_FILE_BYTES } from '../../scripts/core/limits.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import {
  firstInvalidUtf8,
  loadRequestBytes,
  loadRequestFile,
  loadRequestText,
} from '../../scripts/request/load.ts';
import { checkRequestFile, schemaProblems } from '../../scripts/request/validate.ts';
import { runCli } from '../support/cli.ts';
import { copyExample, fixtures, scratchFolder } from '../support/requests.ts';

const hostile = join(fixtures, 'hostile');
const scratch = scratchFolder('hostile');
afterAll(scratch.remove);

function loadFixture(name: string) {
  return loadRequestFile(join(hostile, name));
}

function only(loaded: ReturnType<typeof loadRequestFile>): { line: number; column: number; message: string } {
  expect(loaded.request).toBeUndefined();
  expect(loaded.errors).toHaveLength(1);
  const [error] = loaded.errors;
  if (!error) throw new Error('no error');
  return { line: error.line, column: error.column, message: error.message };
}

describe('committed hostile fixtures, each with its own message and place', () => {
  const expected: [string, number, number, string][] = [
    ['empty.yaml', 1, 1, 'the file is empty'],
    ['comments-only.yaml', 1, 1, 'holds no request'],
    ['list-root.yaml', 2, 1, 'top level of a request must be a mapping'],
    ['scalar-root.yaml', 2, 1, 'top level of a request must be a mapping'],
    ['two-documents.yaml', 4, 1, 'more than one YAML document'],
    ['merge-key.yaml', 5, 3, 'merge keys (<<) are not allowed'],
    ['tag-binary.yaml', 4, 7, 'tags such as !!binary'],
    ['tag-timestamp.yaml', 5, 9, 'tags such as !!binary, !!timestamp'],
    ['tag-custom.yaml', 4, 7, 'tags such as'],
    ['yaml-directive.yaml', 1, 1, 'directives such as %YAML'],
    ['duplicate-key.yaml', 7, 3, 'the field "total" appears twice'],
    ['proto-key.yaml', 4, 1, '"__proto__" is not allowed as a field name'],
    ['prototype-key.yaml', 6, 5, '"prototype" is not allowed as a field name'],
    ['yaml11-boolean-key.yaml', 8, 5, '"on" is read as the boolean true by YAML 1.1 readers'],
  ];
  it.each(expected)('%s is rejected at %i:%i', (name, line, column, words) => {
    const error = only(loadFixture(name));
    expect(error).toMatchObject({ line, column });
    expect(error.message).toContain(words);
  });

  it('an anchor and an alias are each reported where they are written', () => {
    const loaded = loadFixture('anchor-alias.yaml');
    expect(loaded.request).toBeUndefined();
    expect(loaded.errors.map((e) => [e.line, e.column, e.message.split(' ')[0]])).toEqual([
      [4, 11, 'anchors'],
      [5, 7, 'aliases'],
    ]);
  });

  it('the billion laughs are never expanded: the first anchor and alias are reported with their counts', () => {
    const loaded = loadFixture('billion-laughs.yaml');
    expect(loaded.request).toBeUndefined();
    expect(loaded.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '3:4 anchors (&name) are not allowed in a request; write every value out in full where it is used (9 found in this file)',
      '4:8 aliases (*name) are not allowed in a request; write every value out in full where it is used (72 found in this file)',
    ]);
  });

  it('constructor and prototype keys in flow style are both reported', () => {
    const loaded = loadFixture('constructor-key.yaml');
    expect(loaded.errors.map((e) => [e.line, e.column, e.path])).toEqual([
      [4, 22, '/agency/constructor'],
      [4, 37, '/agency/constructor/prototype'],
    ]);
  });

  it('every committed hostile fixture is covered above', () => {
    const covered = new Set([
      ...expected.map(([name]) => name),
      'anchor-alias.yaml',
      'billion-laughs.yaml',
      'constructor-key.yaml',
    ]);
    expect(new Set(readdirSync(hostile))).toEqual(covered);
  });
});

describe('field names that YAML 1.1 readers read as booleans, numbers or null', () => {
  const errors = (text: string) =>
    loadRequestText('keys.yaml', text).errors.map((e) => `${e.line}:${e.column} ${e.path} ${e.message}`);

  it('refuses a plain "on" under submitted and points to submitted.date', () => {
    expect(errors('format: 2\nsubmitted:\n  on: "2026-10-05"\n')).toEqual([
      '3:3 /submitted/on the field name "on" is read as the boolean true by YAML 1.1 readers such as PyYAML and conftest; the submission date is submitted.date in format 2 (a format 1 request also needs format: 2 and contract.purchase_date)',
    ]);
  });

  it('refuses a plain "yes" at the top level, with no hint about the submission date', () => {
    const [error] = errors('format: 2\nyes: 1\n');
    expect(error).toMatch(/^2:1 \/yes the field name "yes" is read as the boolean true by YAML 1\.1 readers/);
    expect(error).toContain('rename the field');
    expect(error).not.toContain('submitted.date');
  });

  it('keeps the submitted.date hint for "on" directly under submitted only', () => {
    const found = errors('format: 2\nagency:\n  on: 1\nsubmitted:\n  by:\n    on: 2\n  Off: 3\n');
    expect(found).toHaveLength(3);
    expect(found.filter((e) => e.includes('submitted.date'))).toEqual([]);
    expect(found[2]).toContain('"Off" is read as the boolean false');
  });

  it('refuses a plain number as a key in a list item mapping, named as it is written', () => {
    expect(errors('format: 2\nservices:\n  - service: wan-data\n    1: first\n    0x1F: second\n')).toEqual([
      '4:5 /services/0/1 the field name "1" is read as a number by YAML 1.1 readers such as PyYAML and conftest; rename the field (no field of a request has this name)',
      '5:5 /services/0/0x1F the field name "0x1F" is read as a number by YAML 1.1 readers such as PyYAML and conftest; rename the field (no field of a request has this name)',
    ]);
  });

  it('refuses ~ and null as keys as null, not as a missing name', () => {
    expect(errors('format: 2\n~: a\ncost:\n  NULL: b\n')).toEqual([
      '2:1 /~0 the field name "~" is read as null, not as a name, by YAML 1.1 readers such as PyYAML and conftest; rename the field (no field of a request has this name)',
      '4:3 /cost/NULL the field name "NULL" is read as null, not as a name, by YAML 1.1 readers such as PyYAML and conftest; rename the field (no field of a request has this name)',
    ]);
  });

  it('refuses such keys in flow mappings and in pairs inside flow lists', () => {
    expect(errors('format: 2\nagency: { code: CHP, y: 1 }\nservices: [ .inf: 2 ]\n')).toEqual([
      expect.stringMatching(/^2:22 \/agency\/y the field name "y" is read as the boolean true/),
      expect.stringMatching(/^3:13 \/services\/0\/\.inf the field name "\.inf" is read as a number/),
    ]);
  });

  it('reports every such key, and the other key problems beside them', () => {
    const found = errors(
      'format: 2\nyes: 1\nagency:\n  code: CHP\n  code: DMV\n  no: 2\nlist:\n  - 1:20: x\n',
    );
    expect(found.map((e) => e.split(' ').slice(0, 2).join(' '))).toEqual([
      '2:1 /yes',
      '5:3 /agency/code',
      '6:3 /agency/no',
      '8:5 /list/0/1:20',
    ]);
    expect(found[1]).toContain('appears twice');
  });

  it('accepts the same names quoted, or written as block scalars: every reader reads them as text', () => {
    const loaded = loadRequestText(
      'quoted.yaml',
      'format: 2\n"on": 1\n\'yes\': 2\n"1": 3\n"~": 4\n? |-\n  off\n: 5\n',
    );
    expect(loaded.errors).toEqual([]);
    expect(loaded.request).toEqual({ format: 2, on: 1, yes: 2, '1': 3, '~': 4, off: 5 });
  });

  it('accepts names that only look like booleans or numbers', () => {
    const loaded = loadRequestText(
      'near.yaml',
      'format: 2\nonward: 1\nno-ato: 2\ny2k: 3\n1a: 4\nv1.2.3: 5\n',
    );
    expect(loaded.errors).toEqual([]);
  });

  it('still says a name is missing when there is none', () => {
    expect(errors('format: 2\n: 1\n')).toEqual([
      expect.stringContaining('a field name is missing or is not plain text here'),
    ]);
  });
});

describe('prototype keys never reach a prototype', () => {
  it('leaves ({}).polluted undefined after loading and checking __proto__ files', () => {
    for (const name of ['proto-key.yaml', 'constructor-key.yaml', 'prototype-key.yaml']) {
      checkRequestFile(join(hostile, name));
    }
    loadRequestText('inline.yaml', '{"__proto__": {"polluted": "yes"}, "format": 1}\n');
    loadRequestText('inline.yaml', 'a:\n  __proto__:\n    polluted: yes\n');
    // A value that already has an own __proto__ key (as JSON.parse makes) goes through the schema too.
    schemaProblems(
      JSON.parse('{"__proto__": {"polluted": "yes"}, "agency": {"__proto__": {"polluted": 1}}}'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('bytes are checked before parsing', () => {
  it('rejects a file over the size cap from its size alone, a 25 MB file included', () => {
    const big = join(scratch.dir, 'big.yaml');
    // 25 MB of a valid-looking mapping: only the size can reject it.
    const line = 'need: the same line again and again to make the file large\n';
    writeFileSync(big, line.repeat(Math.ceil((25 * 1024 * 1024) / line.length)));
    const error = only(loadRequestFile(big));
    expect(error).toMatchObject({ line: 1, column: 1 });
    expect(error.message).toContain('at most 1,048,576 bytes');
  });

  it('rejects bytes over the cap without decoding them', () => {
    const bytes = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61);
    expect(only(loadRequestBytes('big.yaml', bytes)).message).toContain('a request file may be at most');
  });

  it('accepts a file exactly at the cap as far as size goes', () => {
    const text = `format: 1\nneed: ${'x'.repeat(MAX_FILE_BYTES - 'format: 1\nneed: \n'.length)}\n`;
    const loaded = loadRequestBytes('at-cap.yaml', new TextEncoder().encode(text));
    expect(loaded.errors).toEqual([]);
  });

  it('rejects a NUL byte at its line and column', () => {
    const bytes = new TextEncoder().encode('format: 1\nid: ab\u0000cd\n');
    const error = only(loadRequestBytes('nul.yaml', bytes));
    expect(error).toMatchObject({ line: 2, column: 7 });
    expect(error.message).toContain('NUL byte');
  });

  it('rejects invalid UTF-8 at its line and column', () => {
    const prefix = new TextEncoder().encode('format: 1\nneed: café ');
    const bytes = new Uint8Array([...prefix, 0xc3, 0x28, 0x0a]);
    const error = only(loadRequestBytes('latin.yaml', bytes));
    expect(error).toMatchObject({ line: 2, column: 12 });
    expect(error.message).toContain('not valid UTF-8');
  });

  it('finds each kind of invalid UTF-8: stray continuation, overlong, surrogate, beyond U+10FFFF, cut short', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0xe0, 0x80, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(new TextEncoder().encode('ok: é € 𝄞'))).toBe(-1);
  });

  it('names UTF-16 for what it is', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x66, 0x00, 0x6f, 0x00]);
    expect(only(loadRequestBytes('utf16.yaml', bytes)).message).toContain('UTF-16');
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('format: 1\n')]);
    expect(loadRequestBytes('bom.yaml', bytes).request).toEqual({ format: 1 });
  });
});

describe('nesting is capped before the parser can recurse', () => {
  it('rejects 100,000 nested flow lists', () => {
    const text = `format: 1\nneed: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const error = only(loadRequestText('deep-flow.yaml', text));
    expect(error.line).toBe(2);
    expect(error.message).toContain(`more than ${MAX_DEPTH} levels deep`);
  });

  it('rejects 100,000 nested flow mappings', () => {
    const text = `${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`;
    expect(only(loadRequestText('deep-map.yaml', text)).message).toContain('levels deep');
  });

  it('rejects 100,000 nested block lists written on one line', () => {
    const text = `${'- '.repeat(100_000)}x\n`;
    expect(only(loadRequestText('deep-block.yaml', text)).message).toContain('levels deep');
  });

  it('rejects a long run of anchors on one line as anchors', () => {
    const text = `need: ${'&a '.repeat(100_000)}x\n`;
    expect(only(loadRequestText('anchors.yaml', text)).message).toContain('anchors (&name) are not allowed');
  });

  it('rejects indentation one level deeper than the cap, at the first mapping too deep', () => {
    const lines = Array.from({ length: MAX_DEPTH + 1 }, (_, i) => `${'  '.repeat(i)}level${i + 1}:`);
    const text = `${lines.join('\n')} end\n`;
    const error = only(loadRequestText('deep-indent.yaml', text));
    expect(error.line).toBe(MAX_DEPTH + 1);
    expect(error.message).toContain('levels deep');
  });

  it('accepts nesting exactly at the cap', () => {
    const lines = Array.from({ length: MAX_DEPTH }, (_, i) => `${'  '.repeat(i)}level${i + 1}:`);
    const loaded = loadRequestText('at-cap.yaml', `${lines.join('\n')} end\n`);
    expect(loaded.errors).toEqual([]);
  });

  it('rejects deep nesting inside a file that is otherwise a request', () => {
    const file = copyExample(scratch.dir, 'cgen', 'chp-2026-remote-sites');
    writeFileSync(file, `${'['.repeat(500)}${']'.repeat(500)}\n`, { flag: 'a' });
    const checked = checkRequestFile(file);
    expect(checked.valid).toBe(false);
    expect(checked.errors[0]?.message).toContain('levels deep');
  });
});

describe('files that are not regular files', () => {
  it('rejects a request that is a symbolic link, without following it', () => {
    const target = join(scratch.dir, 'target.yaml');
    writeFileSync(target, 'format: 1\n');
    const link = join(scratch.dir, 'link.yaml');
    symlinkSync(target, link);
    expect(only(loadRequestFile(link)).message).toContain('symbolic link');
  });

  it('rejects a folder and a named pipe without blocking on the pipe', () => {
    const folder = join(scratch.dir, 'folder.yaml');
    mkdirSync(folder);
    expect(only(loadRequestFile(folder)).message).toContain('not a regular file');
    const fifo = join(scratch.dir, 'pipe.yaml');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status === 0) expect(only(loadRequestFile(fifo)).message).toContain('not a regular file');
  });

  it('says when a file does not exist', () => {
    expect(only(loadRequestFile(join(scratch.dir, 'missing.yaml'))).message).toContain('does not exist');
  });
});

describe('the command line rejects every hostile file with a located message and exit 1', () => {
  it('reports each hostile file, big and deep ones included (three files hold two problems each)', async () => {
    const generated = join(scratch.dir, 'generated');
    mkdirSync(generated);
    writeFileSync(join(generated, 'big.yaml'), Buffer.alloc(25 * 1024 * 1024, 'a: 1\n'));
    writeFileSync(join(generated, 'deep.yaml'), `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    writeFileSync(join(generated, 'nul.yaml'), 'format: 1\u0000\n');
    writeFileSync(join(generated, 'latin1.yaml'), Buffer.from([0x6e, 0x3a, 0x20, 0xe9, 0x0a]));
    const files = [
      ...readdirSync(hostile).map((n) => join(hostile, n)),
      ...readdirSync(generated).map((n) => join(generated, n)),
    ];
    const run = await runCli(['validate', ...files]);
    expect(run.status).toBe(1);
    for (const file of files) {
      const shown = relative(repoRoot, file);
      expect(run.stdout).toMatch(
        new RegExp(`^${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ \\S`, 'm'),
      );
    }
    expect(run.stdout.trim().split('\n').at(-1)).toBe(
      `${files.length} request files checked: 0 valid, ${files.length} invalid (${files.length + 3} errors)`,
    );
    expect(run.stderr).toBe('');
  });
});
