/**
 * The outcome vocabulary, written once for the TypeScript side: every outcome of the decision contract
 * (SPEC section 3) with whether it lets the check pass and the words people read, plus `invalid` for a
 * file the policy was never asked about. The key order is the order reports list outcomes in: the ones
 * that pass first. `schemas/decision.schema.json` holds the same names for tools, and a test keeps the
 * two equal; the policy's own rules name them in their METADATA.
 */

export interface OutcomeWords {
  /** Whether a request with this outcome lets the check pass. */
  acceptable: boolean;
  /** The outcome in plain words, as the pull-request comment shows it. */
  words: string;
  /** The mark shown before the words. */
  mark: '✅' | '⛔' | '❌';
  /** Its place in the decision contract's order of precedence (after `invalid`). */
  precedence: number;
  /** What the decision's deficiencies mean under this outcome, as a heading. */
  deficiencies: string;
}

const VOCABULARY = {
  'ready-for-decision': {
    acceptable: true,
    words: 'ready for decision',
    mark: '✅',
    precedence: 5,
    deficiencies: 'Deficiencies',
  },
  'not-required': {
    acceptable: true,
    words: 'not required',
    mark: '✅',
    precedence: 1,
    deficiencies: 'Deficiencies',
  },
  'ato-bound': {
    acceptable: false,
    words: 'ATO-bound',
    mark: '⛔',
    precedence: 2,
    deficiencies: 'What binds the agency to the CALNET MSA',
  },
  'ground-not-met': {
    acceptable: false,
    words: 'ground not met',
    mark: '❌',
    precedence: 4,
    deficiencies: 'Why no ground is shown',
  },
  incomplete: {
    acceptable: false,
    words: 'incomplete',
    mark: '❌',
    precedence: 3,
    deficiencies: 'Deficiencies',
  },
} as const satisfies Record<string, OutcomeWords>;

/** What the policy decides for a valid request. */
export type Outcome = keyof typeof VOCABULARY;
/** A file's outcome: the decision's, or `invalid` when it failed the schema or the location rules. */
export const INVALID = 'invalid';
export type FileOutcome = Outcome | typeof INVALID;

const INVALID_WORDS: OutcomeWords = {
  acceptable: false,
  words: 'invalid',
  mark: '❌',
  precedence: 0,
  deficiencies: 'Problems',
};

/** Every outcome in the order reports list them (the passing ones first). */
export const OUTCOMES = Object.keys(VOCABULARY) as Outcome[];
/** Every outcome in the decision contract's order of precedence. */
export const OUTCOMES_BY_PRECEDENCE = [...OUTCOMES].sort(
  (a, b) => VOCABULARY[a].precedence - VOCABULARY[b].precedence,
);
/** Every file outcome in report order, `invalid` last. */
export const FILE_OUTCOMES: readonly FileOutcome[] = [...OUTCOMES, INVALID];

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && Object.hasOwn(VOCABULARY, value);
}

/** The words for a file outcome; undefined for a name outside the vocabulary (text from elsewhere). */
export function outcomeWords(outcome: string): OutcomeWords | undefined {
  if (outcome === INVALID) return INVALID_WORDS;
  return isOutcome(outcome) ? VOCABULARY[outcome] : undefined;
}

/** The heading of a decision's deficiencies under its outcome. */
export function deficiencyHeading(outcome: Outcome): string {
  return VOCABULARY[outcome].deficiencies;
}

/** Whether an outcome lets the check pass: the one place the rule is written. */
export function isAcceptable(outcome: string | null | undefined): boolean {
  return isOutcome(outcome) && VOCABULARY[outcome].acceptable;
}

/** The outcome of a file from its decision, `invalid` when there is none. */
export function fileOutcome(result: { decision: { outcome: Outcome } | null }): FileOutcome {
  return result.decision ? result.decision.outcome : INVALID;
}
