/**
 * The policy's input and the decision it returns for one request. `schemas/decision.schema.json` is the
 * normative definition; these types mirror it for the TypeScript code.
 */
import type { IsoDate, Program } from '../request/types.ts';
import type { Outcome } from './outcomes.ts';

export type { Outcome } from './outcomes.ts';

/** The rule the compiled policy is built for and asked: `data.exemptions.decision`. */
export const DECISION_ENTRYPOINT = 'exemptions/decision';

/** What the policy is evaluated on. Nothing in it comes from a clock inside the policy. */
export interface PolicyInput {
  request: unknown;
  context: PolicyContext;
}

/** A granted exemption as the record knows it: enough to check a renewal names one of its own. */
export interface RecordedExemption {
  agency: string;
  program: Program;
}

/** Granted exemptions by request id, from the register or the requests already merged. */
export type ExemptionRecord = Record<string, RecordedExemption>;

export interface PolicyContext {
  evaluation_date: IsoDate;
  /** Absent when the caller has no record; the policy then notes that a renewal was not checked. */
  exemptions?: ExemptionRecord;
}

/** The term a ready-for-decision exemption would cover. */
export interface CoveredTerm {
  from: IsoDate;
  /** The contract's length plus the covered extension months. */
  months: number;
  extension_months: number;
  /** The last day covered. */
  through: IsoDate;
}

export type GroundCode = 'functionality' | 'cost-ipr' | 'fsr';
/** Why no exemption is needed (outcome not-required). */
export type Reason =
  | 'exempt-agency'
  | 'non-mandatory-services'
  | 'local-service-not-on-ato'
  | 'local-agency-without-ato'
  | 'local-ato-expired'
  | 'outside-program-scope';

/**
 * A deficiency (outcome incomplete) or the reason a claimed ground is not shown (outcome ground-not-met).
 * Every code is listed with its clause in docs/policy-reference.md, generated from the policy.
 */
export interface Deficiency {
  code: string;
  /** JSON Pointer into the request. */
  path: string;
  message: string;
  citation: string;
}

export interface Note {
  code: string;
  message: string;
  citation: string;
}

/** The term in words, for every renderer: "2027-01-01 to 2029-12-31 (36 months)". */
export function termWords(term: CoveredTerm): string {
  const extensions =
    term.extension_months > 0 ? `, ${term.extension_months} of them optional extensions` : '';
  return `${term.from} to ${term.through} (${term.months} months${extensions})`;
}

/** What the policy returns for one request; `schemas/decision.schema.json` is its normative definition. */
export interface Decision {
  outcome: Outcome;
  /** Null when the request names neither program. */
  program: Program | null;
  /** not-required only; otherwise empty. */
  reasons: Reason[];
  /** ready-for-decision only; otherwise empty. */
  grounds: GroundCode[];
  /** incomplete: what is missing; ground-not-met: why no ground is shown; otherwise empty. Sorted by path. */
  deficiencies: Deficiency[];
  notes: Note[];
  /** Who decides, on the exemption path (incomplete, ground-not-met, ready-for-decision); otherwise null. */
  approver: string | null;
  /**
   * ato-bound: the earliest purchase date the ATO allows; otherwise null. The policy always returns it
   * (the decision schema requires it); optional here only for decisions built by hand elsewhere.
   */
  available_from?: IsoDate | null;
  /** ready-for-decision: the term the exemption would cover; otherwise null. Absent from older policies' decisions. */
  term?: CoveredTerm | null;
  /** One per subject: `outcome`, `reason:<code>`, `ground:<code>`, `deficiency:<code>`, `note:<code>`, `approver`. */
  citations: { subject: string; citation: string }[];
}

/**
 * Why no exemption is needed, in words that finish "no exemption is needed, because …". The codes are the
 * policy's (the METADATA of its reason rules); a test holds this table to the decision schema's list.
 */
export const REASON_WORDS = {
  'exempt-agency': 'the agency is exempt from both programs',
  'outside-program-scope': "the request is outside the program's scope",
  'non-mandatory-services': 'every service requested is non-mandatory',
  'local-service-not-on-ato': "the services are not on the local agency's ATO",
  'local-agency-without-ato': 'the local agency has signed no ATO',
  'local-ato-expired': "the local agency's ATO term has ended for these services, with notice given",
} as const satisfies Record<Reason, string>;

/** A ground in words, as the letter names it. */
export const GROUND_WORDS = {
  functionality: "the program's services lack the features, functionality or availability needed",
  'cost-ipr': 'the Individual Price Reduction shows a substantially lower cost',
  fsr: 'a Feasibility Study Report proposes the services outside the program',
} as const satisfies Record<GroundCode, string>;

/** The words for a reason or ground code, or the code itself for one this table does not know. */
export function reasonWords(code: string): string {
  return Object.hasOwn(REASON_WORDS, code) ? REASON_WORDS[code as Reason] : code;
}

export function groundWords(code: string): string {
  return Object.hasOwn(GROUND_WORDS, code) ? GROUND_WORDS[code as GroundCode] : code;
}
