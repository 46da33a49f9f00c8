/**
 * A request as written in YAML (format 2), and a problem located in its file.
 * `schemas/request.schema.json` is the normative definition; these types mirror it for the TypeScript code.
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
  format: 2;
  id: string;
  program: Program;
  /** The id of the granted exemption this request renews or extends. */
  renews?: string;
  agency: { code: string; name?: string };
  submitted: { date: IsoDate; by: Submitter };
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
    /** The date the agency means to order or commit; required on the exemption path and for ATO services. */
    purchase_date?: IsoDate;
    terms: string;
    early_termination: string;
    optional_extensions: string;
    /** Optional extension months the exemption is asked to cover beyond the length; none when absent. */
    covered_extension_months?: number;
    renewal?: { renews_outside_contract: boolean; existing_contract?: string; action_date?: IsoDate };
    sla: { available: boolean; terms?: string; remedies?: string };
  };
  cost: { currency: 'USD'; total: number; items: CostItem[] };
  attachments: Attachment[];
  /** Local agencies leaving an ATO service after its term: the date the 30-day notice was given. */
  ato_notice?: { given_on: IsoDate };
}

export interface LocatedError {
  file: string;
  line: number;
  column: number;
  /** JSON Pointer of the offending value, when there is one. */
  path: string;
  /**
   * The field the problem is about when it differs from `path` (a missing field: `path` is the mapping
   * that lacks it). Not part of the JSON report.
   */
  field?: string;
  message: string;
}
