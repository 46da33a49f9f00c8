/**
 * Section 2 of the specification lists what a request must contain. Each row is pinned here to the
 * schema rule that enforces it: starting from a complete, valid example, the content is removed or made
 * wrong and the specific problem is expected, at its JSON Pointer, citing the clause. Without the rule,
 * the altered request would pass and the case would fail.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pointerSegments } from '../../scripts/request/load.ts';
import type { SchemaNode } from '../../scripts/request/messages.ts';
import {
  checkRequestFile,
  compileRequestSchema,
  requestSchema,
  type SchemaChecker,
  schemaProblems,
} from '../../scripts/request/validate.ts';
import { copyExample, exampleRequest, scratchFolder } from '../support/requests.ts';

type Request = Record<string, unknown>;
type Base = 'calnet-cost' | 'calnet-fsr' | 'calnet-functionality' | 'cgen';

const BASES: Record<Base, () => Request> = {
  'calnet-cost': () => exampleRequest('calnet', 'dwr-2026-sd-wan'),
  'calnet-fsr': () => exampleRequest('calnet', 'cdph-2026-lab-network'),
  'calnet-functionality': () => exampleRequest('calnet', 'dmv-2026-rural-field-offices'),
  cgen: () => exampleRequest('cgen', 'chp-2026-remote-sites'),
};

/** The object at a path of keys, for altering it in place. */
function at(request: Request, ...path: (string | number)[]): Record<string | number, unknown> {
  let node: unknown = request;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node as Record<string | number, unknown>;
}

interface Case {
  row: string;
  name: string;
  /**
   * The schema rule that enforces the case, as a pointer into the schema: `.../required/<name>` for one
   * required name, `.../if+then` for a conditional, otherwise the keyword itself.
   */
  rule: string;
  base: Base;
  alter: (request: Request) => void;
  /** The expected problem: where, and words that must appear (what is wrong and the clause). */
  pointer: string;
  says: string[];
}

const ROW = {
  program: 'program the request is against',
  agency: 'requesting agency',
  submitter: 'submitted by the AIO or CIO, or an equivalent with a designation (CALNET)',
  approvals: 'approved by both the AIO and the CIO (CGEN)',
  project: 'specific project or acquisition (CALNET)',
  services: 'each service: quantity, type, location with street address',
  need: 'why the services are needed',
  ramifications: 'ramifications if the need is not met (CALNET)',
  shortfall: "why the program's services would not meet the need",
  reason: 'technical, financial (CALNET) or business (CGEN) reason: the ground claimed',
  contract: 'contract length and terms, early termination, optional extensions',
  cost: 'cost in total and by contract item',
  provider: "provider's name and vendor documentation",
  sla: 'service level agreements with rights and remedies (CGEN: if available)',
  ipr: 'IPR documentation and comparable CALNET cost with the comparison factors (CALNET, cost ground)',
  interference: 'separately bid contract would not unduly interfere (CALNET, cost ground)',
  fsr: 'FSR number, dates to STND and DOF, STND review, DOF coordination (CALNET, FSR path)',
  renewal: 'renews or extends an outside contract (CALNET)',
  documents: 'supporting documents as separate files',
} as const;

const cases: Case[] = [
  {
    row: ROW.program,
    name: 'program missing',
    rule: '#/required/program',
    base: 'calnet-cost',
    alter: (r) => delete r.program,
    pointer: '',
    says: ['"program" is missing', 'CALNET MSA policy, Purpose'],
  },
  {
    row: ROW.program,
    name: 'program neither calnet nor cgen',
    rule: '#/properties/program/enum',
    base: 'calnet-cost',
    alter: (r) => {
      r.program = 'cmas';
    },
    pointer: '/program',
    says: ['it must be one of: calnet, cgen'],
  },
  {
    row: ROW.agency,
    name: 'agency missing',
    rule: '#/required/agency',
    base: 'cgen',
    alter: (r) => delete r.agency,
    pointer: '',
    says: ['"agency" is missing', 'CGEN policy, general policy'],
  },
  {
    row: ROW.agency,
    name: 'agency code not a registry code',
    rule: '#/$defs/agency/properties/code/pattern',
    base: 'calnet-cost',
    alter: (r) => {
      at(r, 'agency').code = 'Water Resources';
    },
    pointer: '/agency/code',
    says: ['not written in the expected form', 'CALNET MSA policy, Policy'],
  },
  {
    row: ROW.submitter,
    name: 'submitter role missing',
    rule: '#/$defs/submitter/required/role',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'submitted', 'by').role,
    pointer: '/submitted/by',
    says: ['"role" is missing', 'CALNET MSA policy, Exemption Requests'],
  },
  {
    row: ROW.submitter,
    name: 'equivalent without a designation',
    rule: '#/$defs/submitter/if+then',
    base: 'calnet-functionality',
    alter: (r) => delete at(r, 'submitted', 'by').designation,
    pointer: '/submitted/by',
    says: ['"designation" is missing', 'equivalent', 'CALNET MSA policy, Exemption Requests'],
  },
  {
    row: ROW.submitter,
    name: 'submission missing',
    rule: '#/required/submitted',
    base: 'calnet-cost',
    alter: (r) => delete r.submitted,
    pointer: '',
    says: ['"submitted" is missing', 'Agency Information Officer'],
  },
  {
    row: ROW.approvals,
    name: 'CGEN approvals missing',
    rule: '#/$defs/cgenRules/required/approvals',
    base: 'cgen',
    alter: (r) => delete r.approvals,
    pointer: '',
    says: ['"approvals" is missing', 'CGEN policy, CGEN Exemption Requests'],
  },
  {
    row: ROW.approvals,
    name: 'CGEN without the CIO approval',
    rule: '#/$defs/cgenRules/properties/approvals/allOf/1',
    base: 'cgen',
    alter: (r) => {
      r.approvals = (r.approvals as { role: string }[]).filter((a) => a.role !== 'cio');
    },
    pointer: '/approvals',
    says: ['Chief Information Officer (role cio)', 'CGEN policy, CGEN Exemption Requests'],
  },
  {
    row: ROW.approvals,
    name: 'CGEN without the AIO approval',
    rule: '#/$defs/cgenRules/properties/approvals/allOf/0',
    base: 'cgen',
    alter: (r) => {
      r.approvals = (r.approvals as { role: string }[]).filter((a) => a.role !== 'aio');
    },
    pointer: '/approvals',
    says: ['Agency Information Officer (role aio)', 'CGEN policy'],
  },
  {
    row: ROW.approvals,
    name: 'approval without its date',
    rule: '#/$defs/approval/required/date',
    base: 'cgen',
    alter: (r) => delete at(r, 'approvals', 0).date,
    pointer: '/approvals/0',
    says: ['"date" is missing', 'CGEN policy'],
  },
  {
    row: ROW.project,
    name: 'CALNET project missing',
    rule: '#/$defs/calnetRules/required/project',
    base: 'calnet-cost',
    alter: (r) => delete r.project,
    pointer: '',
    says: ['"project" is missing', 'CALNET MSA policy, Exemption Requests, requirements, first item'],
  },
  {
    row: ROW.project,
    name: 'project without a name',
    rule: '#/$defs/project/required/name',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'project').name,
    pointer: '/project',
    says: ['"name" is missing', 'requirements, first item'],
  },
  {
    row: ROW.services,
    name: 'no services',
    rule: '#/properties/services/minItems',
    base: 'calnet-cost',
    alter: (r) => {
      r.services = [];
    },
    pointer: '/services',
    says: ['empty list', 'CALNET MSA policy, Procedures, first item'],
  },
  {
    row: ROW.services,
    name: 'service without quantity',
    rule: '#/$defs/service/required/quantity',
    base: 'cgen',
    alter: (r) => delete at(r, 'services', 1).quantity,
    pointer: '/services/1',
    says: ['"quantity" is missing', 'CGEN policy, CGEN Exemption Procedures, first item'],
  },
  {
    row: ROW.services,
    name: 'service quantity zero',
    rule: '#/$defs/service/properties/quantity/minimum',
    base: 'calnet-cost',
    alter: (r) => {
      at(r, 'services', 0).quantity = 0;
    },
    pointer: '/services/0/quantity',
    says: ['it must be at least 1'],
  },
  {
    row: ROW.services,
    name: 'service without type',
    rule: '#/$defs/service/required/type',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'services', 0).type,
    pointer: '/services/0',
    says: ['"type" is missing', 'Procedures, first item'],
  },
  {
    row: ROW.services,
    name: 'location without street address',
    rule: '#/$defs/location/required/street',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'services', 1, 'location').street,
    pointer: '/services/1/location',
    says: ['"street" is missing', 'street address'],
  },
  {
    row: ROW.services,
    name: 'ZIP code malformed',
    rule: '#/$defs/location/properties/zip/pattern',
    base: 'cgen',
    alter: (r) => {
      at(r, 'services', 0, 'location').zip = '961';
    },
    pointer: '/services/0/location/zip',
    says: ['not written in the expected form'],
  },
  {
    row: ROW.need,
    name: 'need missing',
    rule: '#/required/need',
    base: 'cgen',
    alter: (r) => delete r.need,
    pointer: '',
    says: ['"need" is missing', 'Exemption Requests, requirements, second item'],
  },
  {
    row: ROW.need,
    name: 'need empty',
    rule: '#/$defs/longText/minLength',
    base: 'calnet-cost',
    alter: (r) => {
      r.need = '';
    },
    pointer: '/need',
    says: ['need is empty'],
  },
  {
    row: ROW.ramifications,
    name: 'CALNET ramifications missing',
    rule: '#/$defs/calnetRules/required/ramifications',
    base: 'calnet-fsr',
    alter: (r) => delete r.ramifications,
    pointer: '',
    says: ['"ramifications" is missing', 'CALNET MSA policy, Exemption Requests, requirements, third item'],
  },
  {
    row: ROW.shortfall,
    name: 'program shortfall missing',
    rule: '#/required/program_shortfall',
    base: 'cgen',
    alter: (r) => delete r.program_shortfall,
    pointer: '',
    says: ['"program_shortfall" is missing', 'requirements, fourth item'],
  },
  {
    row: ROW.reason,
    name: 'business reason under CALNET',
    rule: '#/$defs/calnetRules/properties/reason/properties/kind/enum',
    base: 'calnet-cost',
    alter: (r) => {
      at(r, 'reason').kind = 'business';
    },
    pointer: '/reason/kind',
    says: ['one of: technical, financial', 'CALNET MSA policy, Procedures, second item'],
  },
  {
    row: ROW.reason,
    name: 'financial reason under CGEN',
    rule: '#/$defs/cgenRules/properties/reason/properties/kind/enum',
    base: 'cgen',
    alter: (r) => {
      at(r, 'reason').kind = 'financial';
    },
    pointer: '/reason/kind',
    says: ['one of: technical, business', 'CGEN policy, CGEN Exemption Procedures, second item'],
  },
  {
    row: ROW.reason,
    name: 'reason without explanation',
    rule: '#/$defs/reason/required/explanation',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'reason').explanation,
    pointer: '/reason',
    says: ['"explanation" is missing'],
  },
  {
    row: ROW.reason,
    name: 'no ground claimed',
    rule: '#/$defs/grounds/minProperties',
    base: 'calnet-cost',
    alter: (r) => {
      r.grounds = {};
    },
    pointer: '/grounds',
    says: ['grounds is empty', 'Exemption Requests, first ground; Exemption Requests, second ground'],
  },
  {
    row: ROW.reason,
    name: 'functionality ground without what is lacking',
    rule: '#/$defs/functionalityGround/required/lacking',
    base: 'cgen',
    alter: (r) => delete at(r, 'grounds', 'functionality').lacking,
    pointer: '/grounds/functionality',
    says: ['"lacking" is missing', 'features, functionality, availability'],
  },
  {
    row: ROW.contract,
    name: 'contract length missing',
    rule: '#/$defs/contract/required/length_months',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'contract').length_months,
    pointer: '/contract',
    says: ['"length_months" is missing', 'Procedures, third item'],
  },
  {
    row: ROW.contract,
    name: 'contract terms missing',
    rule: '#/$defs/contract/required/terms',
    base: 'cgen',
    alter: (r) => delete at(r, 'contract').terms,
    pointer: '/contract',
    says: ['"terms" is missing', 'CGEN Exemption Procedures, third item'],
  },
  {
    row: ROW.contract,
    name: 'early termination missing',
    rule: '#/$defs/contract/required/early_termination',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'contract').early_termination,
    pointer: '/contract',
    says: ['"early_termination" is missing', 'write none'],
  },
  {
    row: ROW.contract,
    name: 'optional extensions missing',
    rule: '#/$defs/contract/required/optional_extensions',
    base: 'cgen',
    alter: (r) => delete at(r, 'contract').optional_extensions,
    pointer: '/contract',
    says: ['"optional_extensions" is missing'],
  },
  {
    row: ROW.cost,
    name: 'total missing',
    rule: '#/$defs/cost/required/total',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'cost').total,
    pointer: '/cost',
    says: ['"total" is missing', 'Procedures, fourth item'],
  },
  {
    row: ROW.cost,
    name: 'no contract items',
    rule: '#/$defs/cost/properties/items/minItems',
    base: 'cgen',
    alter: (r) => {
      at(r, 'cost').items = [];
    },
    pointer: '/cost/items',
    says: ['empty list', 'by specific contract item'],
  },
  {
    row: ROW.cost,
    name: 'amount with fractions of a cent',
    rule: '#/$defs/usd/multipleOf',
    base: 'calnet-cost',
    alter: (r) => {
      at(r, 'cost', 'items', 0).amount = 108000.001;
    },
    pointer: '/cost/items/0/amount',
    says: ['at most two decimals'],
  },
  {
    row: ROW.provider,
    name: 'provider missing',
    rule: '#/$defs/contract/required/provider',
    base: 'cgen',
    alter: (r) => delete at(r, 'contract').provider,
    pointer: '/contract',
    says: ['"provider" is missing', 'fifth item'],
  },
  {
    row: ROW.provider,
    name: 'attachments list missing',
    rule: '#/required/attachments',
    base: 'calnet-cost',
    alter: (r) => delete r.attachments,
    pointer: '',
    says: ['"attachments" is missing', 'vendor documentation'],
  },
  {
    row: ROW.sla,
    name: 'CALNET SLA not available',
    rule: '#/$defs/calnetRules/properties/contract/properties/sla/properties/available/const',
    base: 'calnet-cost',
    alter: (r) => {
      at(r, 'contract', 'sla').available = false;
    },
    pointer: '/contract/sla/available',
    says: ['it must be true', 'CALNET MSA policy, Procedures, sixth item'],
  },
  {
    row: ROW.sla,
    name: 'CALNET SLA without remedies',
    rule: '#/$defs/sla/if+then',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'contract', 'sla').remedies,
    pointer: '/contract/sla',
    says: ['"remedies" is missing', 'CALNET MSA policy, Procedures, sixth item'],
  },
  {
    row: ROW.sla,
    name: 'CGEN SLA available but without terms',
    rule: '#/$defs/sla/if+then',
    base: 'cgen',
    alter: (r) => delete at(r, 'contract', 'sla').terms,
    pointer: '/contract/sla',
    says: ['"terms" is missing', 'CGEN policy, CGEN Exemption Procedures, sixth item'],
  },
  {
    row: ROW.sla,
    name: 'SLA statement missing',
    rule: '#/$defs/contract/required/sla',
    base: 'cgen',
    alter: (r) => delete at(r, 'contract').sla,
    pointer: '/contract',
    says: ['"sla" is missing'],
  },
  {
    row: ROW.ipr,
    name: 'IPR documentation missing',
    rule: '#/$defs/costIprGround/required/ipr_document',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'grounds', 'cost_ipr').ipr_document,
    pointer: '/grounds/cost_ipr',
    says: ['"ipr_document" is missing', 'Exemption Requests, second ground'],
  },
  {
    row: ROW.ipr,
    name: 'comparable CALNET cost missing',
    rule: '#/$defs/costIprGround/required/comparable_calnet_cost',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'grounds', 'cost_ipr').comparable_calnet_cost,
    pointer: '/grounds/cost_ipr',
    says: ['"comparable_calnet_cost" is missing', 'second ground'],
  },
  {
    row: ROW.ipr,
    name: 'comparable CALNET cost of zero',
    rule: '#/$defs/costIprGround/properties/comparable_calnet_cost/exclusiveMinimum',
    base: 'calnet-cost',
    alter: (r) => {
      at(r, 'grounds', 'cost_ipr').comparable_calnet_cost = 0;
    },
    pointer: '/grounds/cost_ipr/comparable_calnet_cost',
    says: ['it must be more than 0'],
  },
  {
    row: ROW.ipr,
    name: 'alternative cost missing',
    rule: '#/$defs/costIprGround/required/alternative_cost',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'grounds', 'cost_ipr').alternative_cost,
    pointer: '/grounds/cost_ipr',
    says: ['"alternative_cost" is missing'],
  },
  ...(
    ['slas', 'network_support', 'diversity', 'survivability', 'recoverability', 'scalability'] as const
  ).map(
    (factor): Case => ({
      row: ROW.ipr,
      name: `comparison factor ${factor} missing`,
      rule: `#/$defs/comparisonFactors/required/${factor}`,
      base: 'calnet-cost',
      alter: (r) => delete at(r, 'grounds', 'cost_ipr', 'comparison_factors')[factor],
      pointer: '/grounds/cost_ipr/comparison_factors',
      says: [`"${factor}" is missing`, 'second ground'],
    }),
  ),
  {
    row: ROW.interference,
    name: 'network interference statement missing',
    rule: '#/$defs/costIprGround/required/network_interference',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'grounds', 'cost_ipr').network_interference,
    pointer: '/grounds/cost_ipr',
    says: ['"network_interference" is missing', 'statewide consolidated'],
  },
  {
    row: ROW.interference,
    name: 'interference not answered true or false',
    rule: '#/$defs/networkInterference/properties/unduly_interferes/type',
    base: 'calnet-cost',
    alter: (r) => {
      at(r, 'grounds', 'cost_ipr', 'network_interference').unduly_interferes = 'no';
    },
    pointer: '/grounds/cost_ipr/network_interference/unduly_interferes',
    says: ['must be true or false'],
  },
  {
    row: ROW.interference,
    name: 'interference without why',
    rule: '#/$defs/networkInterference/required/explanation',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'grounds', 'cost_ipr', 'network_interference').explanation,
    pointer: '/grounds/cost_ipr/network_interference',
    says: ['"explanation" is missing', 'would or would not interfere'],
  },
  ...(
    [
      'number',
      'document',
      'submitted_to_stnd',
      'submitted_to_dof',
      'stnd_review',
      'dof_coordination',
    ] as const
  ).map(
    (field): Case => ({
      row: ROW.fsr,
      name: `FSR ${field} missing`,
      rule: `#/$defs/fsrGround/required/${field}`,
      base: 'calnet-fsr',
      alter: (r) => delete at(r, 'grounds', 'fsr')[field],
      pointer: '/grounds/fsr',
      says: [`"${field}" is missing`, 'CALNET MSA policy'],
    }),
  ),
  {
    row: ROW.fsr,
    name: 'FSR date not a calendar date',
    rule: '#/$defs/date/format',
    base: 'calnet-fsr',
    alter: (r) => {
      at(r, 'grounds', 'fsr').submitted_to_dof = '2026-02-30';
    },
    pointer: '/grounds/fsr/submitted_to_dof',
    says: ['not a calendar date written YYYY-MM-DD'],
  },
  {
    row: ROW.fsr,
    name: 'STND review without its date',
    rule: '#/$defs/stndReview/if+then',
    base: 'calnet-fsr',
    alter: (r) => delete at(r, 'grounds', 'fsr', 'stnd_review').date,
    pointer: '/grounds/fsr/stnd_review',
    says: ['"date" is missing', "STND's review"],
  },
  {
    row: ROW.fsr,
    name: 'DOF coordination without its date',
    rule: '#/$defs/dofCoordination/if+then',
    base: 'calnet-fsr',
    alter: (r) => delete at(r, 'grounds', 'fsr', 'dof_coordination').date,
    pointer: '/grounds/fsr/dof_coordination',
    says: ['"date" is missing', 'DOF'],
  },
  {
    row: ROW.renewal,
    name: 'CALNET renewal statement missing',
    rule: '#/$defs/calnetRules/properties/contract/required/renewal',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'contract').renewal,
    pointer: '/contract',
    says: ['"renewal" is missing', 'Non-CALNET MSA Procurements'],
  },
  {
    row: ROW.renewal,
    name: 'renewal without the contract it renews',
    rule: '#/$defs/renewal/if+then',
    base: 'calnet-cost',
    alter: (r) => {
      at(r, 'contract').renewal = { renews_outside_contract: true, action_date: '2027-03-31' };
    },
    pointer: '/contract/renewal',
    says: ['"existing_contract" is missing', 'Non-CALNET MSA Procurements'],
  },
  {
    row: ROW.renewal,
    name: 'renewal without the date of action',
    rule: '#/$defs/renewal/if+then',
    base: 'calnet-cost',
    alter: (r) => {
      at(r, 'contract').renewal = { renews_outside_contract: true, existing_contract: 'Contract 21-0456' };
    },
    pointer: '/contract/renewal',
    says: ['"action_date" is missing', 'extend or re-bid'],
  },
  {
    row: ROW.documents,
    name: 'attachment without its file',
    rule: '#/$defs/attachment/required/file',
    base: 'calnet-cost',
    alter: (r) => delete at(r, 'attachments', 0).file,
    pointer: '/attachments/0',
    says: ['"file" is missing', 'separate'],
  },
  {
    row: ROW.documents,
    name: 'attachment of an unknown kind',
    rule: '#/$defs/attachment/properties/kind/enum',
    base: 'calnet-fsr',
    alter: (r) => {
      at(r, 'attachments', 0).kind = 'report';
    },
    pointer: '/attachments/0/kind',
    says: ['one of: vendor-documentation, ipr, fsr, sla, other'],
  },
];

describe('every row of spec section 2 is enforced by the schema', () => {
  it.each(Object.keys(BASES) as Base[])('the %s base request is valid as it is', (base) => {
    expect(schemaProblems(BASES[base]())).toEqual([]);
  });

  for (const c of cases) {
    it(`row "${c.row}": ${c.name}`, () => {
      const request = BASES[c.base]();
      c.alter(request);
      const problems = schemaProblems(request);
      const matching = problems.filter(
        (p) => p.pointer === c.pointer && c.says.every((s) => p.message.includes(s)),
      );
      expect(matching, JSON.stringify(problems, null, 2)).toHaveLength(1);
    });
  }

  it('covers every row', () => {
    expect(new Set(cases.map((c) => c.row))).toEqual(new Set(Object.values(ROW)));
  });
});

/** The project's schema without one rule (see `Case.rule`); fails loudly if the rule is not there. */
function withoutRule(rule: string): SchemaNode {
  const schema = structuredClone(requestSchema());
  const segments = pointerSegments(rule.slice(1));
  const last = segments.pop() as string;
  let node: unknown = schema;
  for (const segment of segments) node = (node as Record<string, unknown>)[segment];
  if (last === 'if+then') {
    const conditional = node as Record<string, unknown>;
    if (!conditional.if || !conditional.then) throw new Error(`no if/then at ${rule}`);
    delete conditional.if;
    delete conditional.then;
  } else if (Array.isArray(node)) {
    const index = segments.at(-1) === 'required' ? node.indexOf(last) : Number(last);
    if (index < 0 || index >= node.length) throw new Error(`no ${last} at ${rule}`);
    node.splice(index, 1);
  } else {
    const object = node as Record<string, unknown>;
    if (!(last in object)) throw new Error(`no ${last} at ${rule}`);
    delete object[last];
  }
  return schema;
}

describe('each case fails without the rule that enforces it', () => {
  const checkers = new Map<string, SchemaChecker>();
  for (const c of cases) {
    it(`without ${c.rule}, "${c.name}" goes unnoticed`, () => {
      let checker = checkers.get(c.rule);
      if (!checker) {
        checker = compileRequestSchema(withoutRule(c.rule));
        checkers.set(c.rule, checker);
      }
      expect(checker.problems(BASES[c.base]())).toEqual([]);
      const request = BASES[c.base]();
      c.alter(request);
      const matching = checker
        .problems(request)
        .filter((p) => p.pointer === c.pointer && c.says.every((s) => p.message.includes(s)));
      expect(matching).toEqual([]);
    });
  }
});

describe('rules that apply to one program only do not apply to the other', () => {
  it('a CGEN request needs no project, ramifications or renewal statement', () => {
    const request = BASES.cgen();
    expect(request.project).toBeUndefined();
    expect(request.ramifications).toBeUndefined();
    expect(at(request, 'contract').renewal).toBeUndefined();
    expect(schemaProblems(request)).toEqual([]);
  });

  it('a CGEN request without an SLA needs no SLA terms or remedies', () => {
    const request = BASES.cgen();
    at(request, 'contract').sla = { available: false };
    expect(schemaProblems(request)).toEqual([]);
  });

  it('a CALNET request needs no approvals list', () => {
    const request = BASES['calnet-cost']();
    expect(request.approvals).toBeUndefined();
    expect(schemaProblems(request)).toEqual([]);
  });
});

describe('row "supporting documents as separate files": the location rule', () => {
  const scratch = scratchFolder('spec-documents');
  afterAll(scratch.remove);

  it('reports a listed document that is not in the request folder', () => {
    const file = copyExample(scratch.dir, 'calnet', 'dwr-2026-sd-wan');
    expect(checkRequestFile(file).valid).toBe(true);
    rmSync(join(dirname(file), 'dwr-2026-sd-wan', 'vendor', 'sierra-fiber-quote.md'));
    const checked = checkRequestFile(file);
    expect(checked.errors.map((e) => [e.path, e.line, e.column])).toEqual([['/attachments/1/file', 111, 11]]);
    expect(checked.errors[0]?.message).toContain('does not exist');
    expect(checked.errors[0]?.message).toContain('CALNET MSA policy, Procedures, closing');
  });
});
