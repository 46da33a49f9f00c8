/**
 * What a YAML 1.1 reader (PyYAML, Go's yaml.v2 and so conftest) makes of a plain scalar: each kind of
 * boolean, number and null, and the near misses that every reader keeps as text.
 */
import { describe, expect, it } from 'vitest';
import { yaml11Boolean, yaml11Reading } from '../../scripts/request/yaml11.ts';

type Reading = ReturnType<typeof yaml11Reading>;

/** Each row: the plain scalar as written, what a YAML 1.1 reader reads, and why the row is here. */
const YAML11_TABLE: readonly [string, Reading, string][] = [
  // Booleans: every spelling YAML 1.1 gives, and only those.
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(
    (word): [string, Reading, string] => [word, 'boolean', 'a spelling of true'],
  ),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(
    (word): [string, Reading, string] => [word, 'boolean', 'a spelling of false'],
  ),
  ['oN', null, 'mixed capitals are not a boolean'],
  ['yES', null, 'mixed capitals are not a boolean'],
  ['tRUE', null, 'mixed capitals are not a boolean'],
  ['onward', null, 'a word that starts like a boolean'],
  ['yesterday', null, 'a word that starts like a boolean'],
  ['no-ato', null, 'a field-like name that starts like a boolean'],
  ['none', null, 'a word that starts like a boolean'],
  ['offset', null, 'a word that starts like a boolean'],
  ['y2k', null, 'a letter and digits'],
  // Null.
  ['~', 'null', 'the tilde'],
  ['null', 'null', 'null in lower case'],
  ['Null', 'null', 'null capitalised'],
  ['NULL', 'null', 'null in capitals'],
  ['', 'null', 'nothing at all'],
  ['nULL', null, 'mixed capitals are not null'],
  ['nil', null, 'not a YAML word'],
  ['~~', null, 'two tildes'],
  // Integers.
  ['0', 'number', 'zero'],
  ['1', 'number', 'a digit'],
  ['-12', 'number', 'a signed integer'],
  ['+12', 'number', 'a plus sign'],
  ['1_000', 'number', 'underscores between digits'],
  ['1__', 'number', 'underscores after the first digit'],
  ['017', 'number', 'octal with a leading zero (YAML 1.1)'],
  ['08', 'number', 'a leading zero before 8 or 9 (Go and YAML 1.2 read a number)'],
  ['0o17', 'number', 'octal with 0o (YAML 1.2, Go)'],
  ['0x1F', 'number', 'hexadecimal'],
  ['0x_ff', 'number', 'hexadecimal with an underscore'],
  ['0X1F', 'number', 'hexadecimal with a capital X (Go)'],
  ['0b1010', 'number', 'binary'],
  ['-0b1', 'number', 'signed binary'],
  ['1:20', 'number', 'base 60 (1 hour 20 minutes)'],
  ['190:20:30', 'number', 'base 60 with three parts'],
  ['-1:05', 'number', 'signed base 60'],
  ['0x', null, 'a base prefix without digits'],
  ['0b', null, 'a base prefix without digits'],
  ['0o', null, 'a base prefix without digits'],
  ['0xG1', null, 'not a hexadecimal digit'],
  ['0b102', null, 'not a binary digit'],
  ['1a', null, 'a digit then a letter'],
  ['_1', null, 'an underscore first'],
  ['1:60', null, 'base 60 digits stop at 59'],
  ['0:20', null, 'base 60 starts with 1 to 9'],
  ['1:', null, 'a colon with nothing after it'],
  ['+', null, 'a sign alone'],
  ['-', null, 'a sign alone'],
  ['1 000', null, 'a space between digits'],
  ['12th', null, 'an ordinal'],
  // Floats.
  ['1.5', 'number', 'a decimal fraction'],
  ['1.', 'number', 'a trailing point'],
  ['.5', 'number', 'a leading point'],
  ['-.5', 'number', 'a signed leading point (Go, YAML 1.2)'],
  ['1_000.5', 'number', 'underscores in a fraction'],
  ['6.02e+23', 'number', 'an exponent with a sign'],
  ['6.02e23', 'number', 'an exponent without a sign (Go, YAML 1.2)'],
  ['1e5', 'number', 'an exponent without a point (Go, YAML 1.2)'],
  ['1:20.5', 'number', 'a base 60 fraction'],
  ['.inf', 'number', 'infinity'],
  ['-.Inf', 'number', 'negative infinity'],
  ['+.INF', 'number', 'infinity with a plus sign'],
  ['.nan', 'number', 'not a number'],
  ['.NaN', 'number', 'not a number, capitalised'],
  ['.NAN', 'number', 'not a number, in capitals'],
  ['1.2.3', null, 'a version number'],
  ['.', null, 'a point alone'],
  ['1e', null, 'an exponent without digits'],
  ['e5', null, 'an exponent without a number before it'],
  ['.iNf', null, 'mixed capitals are not infinity'],
  ['-.nan', null, 'not a number takes no sign'],
  ['inf', null, 'infinity needs its point'],
  ['nan', null, 'not a number needs its point'],
  ['1.5x', null, 'a fraction then a letter'],
  // Things YAML 1.1 reads otherwise, but not as a boolean, number or null: out of this function's scope.
  ['2026-10-01', null, 'a date (a timestamp to YAML 1.1, not a boolean, number or null)'],
  ['<<', null, 'the merge key, refused by its own check'],
];

describe('yaml11Reading', () => {
  it.each(YAML11_TABLE)('%j is read as %s (%s)', (plain, reading) => {
    expect(yaml11Reading(plain)).toBe(reading);
  });

  it('tells which boolean each spelling is', () => {
    expect(['y', 'Yes', 'TRUE', 'on', 'On'].map(yaml11Boolean)).toEqual([true, true, true, true, true]);
    expect(['n', 'No', 'FALSE', 'off', 'OFF'].map(yaml11Boolean)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['onward', '1', '~', ''].map(yaml11Boolean)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
