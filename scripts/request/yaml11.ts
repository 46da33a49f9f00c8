/**
 * What a YAML 1.1 reader makes of a plain (unquoted) scalar. Our loader reads YAML 1.2, where `on`, `yes`
 * and `1_000` are text; PyYAML and Go's yaml.v2 (and so conftest) follow YAML 1.1, where they are a
 * boolean and a number. A name that the tools beside ours read differently must not be used at all, so
 * the rules here are the union of the YAML 1.1 types and what those readers actually resolve: refusing a
 * little more than one reader would is safe, accepting what another reader turns into a number is not.
 *
 * Only booleans, numbers and null are covered. YAML 1.1 also reads `2026-10-01` as a timestamp and `=` as
 * a "value" key; neither is in scope here.
 */

/** The booleans of YAML 1.1: three capitalisations of each word, and `y`/`n`, which Go reads too. */
const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

/** Null: the tilde, three capitalisations of the word, and an empty scalar. */
const NULL_WORDS = new Set(['~', 'null', 'Null', 'NULL', '']);

/** Integer forms, after an optional sign. Underscores are digit separators that readers drop. */
const INTEGER_FORMS = [
  '0[bB][01_]+', // binary; Go also takes the capital prefixes
  '0[oO][0-7_]+', // octal as YAML 1.2 and Go write it
  '0[0-7_]+', // octal as YAML 1.1 writes it, with a leading zero
  '0[xX][0-9a-fA-F_]+', // hexadecimal
  '[0-9]+', // decimal, leading zeros included: 08 is a number to Go and to YAML 1.2
  '[1-9][0-9_]*', // decimal with separators: 1_000
  '[1-9][0-9_]*(?::[0-5]?[0-9])+', // base 60, as in times: 1:20 is 80
];

/** Float forms, after an optional sign (infinity only: YAML gives not-a-number no sign). */
const EXPONENT = '(?:[eE][-+]?[0-9]+)?'; // PyYAML wants a sign in the exponent; Go and YAML 1.2 do not
const FLOAT_FORMS = [
  `[0-9][0-9_]*\\.[0-9_]*${EXPONENT}`, // 1.5, 1., 6.02e+23
  `\\.[0-9_]+${EXPONENT}`, // .5
  '[0-9]+[eE][-+]?[0-9]+', // 1e5: an exponent without a point, which Go and YAML 1.2 read as a float
  '[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*', // base 60 with a fraction: 1:20.5
  '\\.(?:inf|Inf|INF)', // infinity
];
const NOT_A_NUMBER = '\\.(?:nan|NaN|NAN)';

/**
 * The whole number grammar as one anchored pattern. The YAML 1.1 float pattern would also take `1.2.3`
 * and a lone `.`; no reader in use resolves those to numbers, so neither does this.
 */
const NUMBER = new RegExp(`^(?:[-+]?(?:${[...INTEGER_FORMS, ...FLOAT_FORMS].join('|')})|${NOT_A_NUMBER})$`);

/**
 * What a YAML 1.1 reader resolves a plain scalar to: `'boolean'`, `'number'` or `'null'`, or `null`
 * when it stays a string. `plain` is the scalar's text exactly as written (the `source` of a plain
 * scalar); quoted and block scalars are strings to every reader and must not be passed here.
 */
export function yaml11Reading(plain: string): 'boolean' | 'number' | 'null' | null {
  if (TRUE_WORDS.has(plain) || FALSE_WORDS.has(plain)) return 'boolean';
  if (NULL_WORDS.has(plain)) return 'null';
  if (NUMBER.test(plain)) return 'number';
  return null;
}

/** Which boolean a YAML 1.1 reader reads a plain scalar as, or undefined when it is not a boolean. */
export function yaml11Boolean(plain: string): boolean | undefined {
  if (TRUE_WORDS.has(plain)) return true;
  if (FALSE_WORDS.has(plain)) return false;
  return undefined;
}
