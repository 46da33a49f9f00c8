/**
 * The shapes that cross module boundaries: a request as written in YAML (format 1), the policy input,
 * and the decision the policy returns. `schemas/request.schema.json` and `schemas/decision.schema.json`
 * are the normative definitions; these types mirror them for the TypeScript code.
 */

export type Program = 'calnet' | 'cgen';
export type IsoDate = string;

export interface Person {
  name: string;
  email?: string;
}

/** CALNET: the AIO or CIO submits, or an equivalent with a stated designation. */
export interface Submitter extends Person {
  role: 'aio' | 'cio' | 'equivalent' | 'other';
  /** The stated designation that makes an equivalent one (required when role is `equivalent`). */
  designation?: string;
}

/** CGEN: both the AIO and the CIO (or equivalents) approve. */
export interface Approval extends Person {
  role: 'aio' | 'cio';
  date: IsoDate;
  /** Set when the approver is an equivalent of the role rather than its holder. */
  equivalent_designation?: string;
}

export interface ServiceLocation {
  site?: string;
  street: string;
  city: string;
  zip: string;
}

export interface RequestedService {
  /** Service catalog id (reference data decides whether it is mandatory and in CGEN scope). */
  service: string;
  type: string;
  quantity: number;
  location: ServiceLocation;
}

export interface CostItem {
  item: string;
  amount: number;
}

export interface Attachment {
  file: string;
  kind: 'vendor-documentation' | 'ipr' | 'fsr' | 'sla' | 'other';
  title: string;
}

export interface FunctionalityGround {
  lacking: ('features' | 'functionality' | 'availability')[];
  explanation: string;
}

export interface CostIprGround {
  ipr_document: string;
  alternative_cost: number;
  comparable_calnet_cost: number;
  comparison_factors: {
    slas: string;
    network_support: string;
    diversity: string;
    survivability: string;
    recoverability: string;
    scalability: string;
    other?: string;
  };
  network_interference: { unduly_interferes: boolean; explanation: string };
}

export interface FsrGround {
  number: string;
  document: string;
  submitted_to_stnd: IsoDate;
  submitted_to_dof: IsoDate;
  stnd_review: { reviewed: boolean; date?: IsoDate };
  dof_coordination: { coordinated: boolean; date?: IsoDate };
}

export interface ExemptionRequest {
  format: 1;
  id: string;
  program: Program;
  agency: { code: string; name?: string };
  submitted: { on: IsoDate; by: Submitter };
  approvals?: Approval[];
  project?: { name: string; reference?: string };
  services: RequestedService[];
  need: string;
  ramifications?: string;
  program_shortfall: string;
  reason: { kind: 'technical' | 'financial' | 'business'; explanation: string };
  grounds: { functionality?: FunctionalityGround; cost_ipr?: CostIprGround; fsr?: FsrGround };
  contract: {
    provider: string;
    length_months: number;
    start_date: IsoDate;
    terms: string;
    early_termination: string;
    optional_extensions: string;
    renewal?: { renews_outside_contract: boolean; existing_contract?: string; action_date?: IsoDate };
    sla: { available: boolean; terms?: string; remedies?: string };
  };
  cost: { currency: 'USD'; total: number; items: CostItem[] };
  attachments: Attachment[];
  /** Local agencies leaving an ATO service after its term: the date the 30-day notice was given. */
  ato_notice?: { given_on: IsoDate };
}

/** What the policy is evaluated on. Nothing in it comes from a clock inside the policy. */
export interface PolicyInput {
  request: unknown;
  context: { evaluation_date: IsoDate };
}

export type Outcome = 'not-required' | 'ato-bound' | 'incomplete' | 'ground-not-met' | 'ready-for-decision';
export type GroundCode = 'functionality' | 'cost-ipr' | 'fsr';
/** Why no exemption is needed (outcome not-required). */
export type Reason =
  | 'exempt-agency'
  | 'non-mandatory-services'
  | 'local-service-not-on-ato'
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
   * ato-bound: the first date the agency may buy elsewhere; otherwise null. The policy always returns it
   * (the decision schema requires it); optional here only for decisions built by hand elsewhere.
   */
  available_from?: IsoDate | null;
  /** One per subject: `outcome`, `reason:<code>`, `ground:<code>`, `deficiency:<code>`, `note:<code>`, `approver`. */
  citations: { subject: string; citation: string }[];
}

export interface LocatedError {
  file: string;
  line: number;
  column: number;
  /** JSON Pointer of the offending value, when there is one. */
  path: string;
  message: string;
}
