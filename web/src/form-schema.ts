/**
 * What the form shows, derived from the request schema (never a second copy of it): the fields with
 * titles from their names, the sections in the order of the policy texts with the clauses they serve
 * under each, and the sections that apply to only one program or reason shown only there. What is valid
 * is not decided here: the page's decision (the check's schema, location rules and policy) says that.
 */
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { citeClauses } from '../../scripts/core/clauses.ts';
import { clauseIdsOf, type SchemaNode } from '../../scripts/request/messages.ts';

/** The sections in the order the policies ask for them: agency and submitter, project, services, … */
export const SECTION_ORDER = [
  'format',
  'id',
  'program',
  'renews',
  'agency',
  'submitted',
  'approvals',
  'project',
  'services',
  'need',
  'ramifications',
  'program_shortfall',
  'reason',
  'grounds',
  'contract',
  'cost',
  'attachments',
  'ato_notice',
] as const;

/** The abbreviations field names use, as the policy texts write them. */
const ABBREVIATIONS: Record<string, string> = {
  ato: 'ATO',
  calnet: 'CALNET',
  dof: 'DOF',
  fsr: 'FSR',
  id: 'ID',
  ipr: 'IPR',
  sla: 'SLA',
  slas: 'SLAs',
  stnd: 'STND',
};

/** `program_shortfall` → `Program shortfall`, `ipr_document` → `IPR document`: the field's name in words. */
export function fieldTitle(name: string): string {
  const words = name.split('_').map((word) => ABBREVIATIONS[word] ?? word);
  const first = words[0] ?? '';
  return [first.charAt(0).toUpperCase() + first.slice(1), ...words.slice(1)].join(' ');
}

function isNode(value: unknown): value is SchemaNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Every property of every schema node gets a title from its name, unless it has one; a constant becomes
 * the one choice of a list, which the user picks (the form would otherwise fill it in unasked, and the
 * page decides what the user wrote).
 */
function titled(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(titled);
  if (!isNode(node)) return node;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'const' && node.enum === undefined) {
      out.enum = [value];
      continue;
    }
    if (key === 'properties' && isNode(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, property]) => {
          const child = titled(property);
          return [
            name,
            isNode(child) && child.title === undefined ? { title: fieldTitle(name), ...child } : child,
          ];
        }),
      );
    } else out[key] = titled(value);
  }
  return out;
}

/** What the request holds that decides which sections apply. */
interface Shown {
  program?: unknown;
  reason?: { kind?: unknown };
  approvals?: unknown;
  grounds?: { cost_ipr?: unknown };
}

/**
 * The sections that apply to one program or reason are shown there, and wherever the request already
 * holds them (an imported request keeps everything it says): CGEN's officer approvals (CGEN policy,
 * Requests) only for CGEN; the cost ground through an Individual Price Reduction (CALNET MSA policy,
 * Procedures) only for a CALNET request with a financial reason.
 */
export function hiddenSections(data: unknown): { approvals: boolean; costGround: boolean } {
  const request = (isNode(data) ? data : {}) as Shown;
  return {
    approvals: request.program !== 'cgen' && request.approvals === undefined,
    costGround:
      !(request.program === 'calnet' && request.reason?.kind === 'financial') &&
      request.grounds?.cost_ipr === undefined,
  };
}

/**
 * The form's schema: the request schema's fields with titles. The program rules (`allOf`) are left to the
 * decision, which reports them at their fields; `$schema` is dropped because the form's validator only
 * lays the form out (the draft's keywords it does not know are ignored). The same for every request, so
 * the build compiles its validator ahead (the page's Content-Security-Policy allows no code generation).
 */
export function formSchema(requestSchema: SchemaNode): RJSFSchema {
  const { allOf: _programRules, $schema: _draft, ...fields } = titled(requestSchema) as SchemaNode;
  return fields as RJSFSchema;
}

/** The name under which the form renders nothing: a section that does not apply to this request. */
export const HIDDEN_SECTION = 'HiddenSection';

/** The clauses a section serves, in words, for the line under its title. */
export function sectionClauses(requestSchema: SchemaNode, name: string): string | undefined {
  const properties = isNode(requestSchema.properties) ? requestSchema.properties : {};
  const ids = clauseIdsOf(isNode(properties[name]) ? properties[name] : undefined);
  return ids.length > 0 ? citeClauses(ids, 'full') : undefined;
}

/**
 * The form's layout for the request as it now is: the sections in the policy's order, with the clauses
 * each serves under it, and the sections that do not apply to it not shown.
 */
export function formLayout(requestSchema: SchemaNode, data: unknown): UiSchema {
  const ui: UiSchema = {
    'ui:order': [...SECTION_ORDER, '*'],
    'ui:submitButtonOptions': { norender: true },
  };
  for (const name of SECTION_ORDER) {
    const clauses = sectionClauses(requestSchema, name);
    ui[name] = clauses ? { 'ui:help': `Policy: ${clauses}` } : {};
  }
  const hidden = hiddenSections(data);
  if (hidden.approvals) ui.approvals = { 'ui:field': HIDDEN_SECTION };
  if (hidden.costGround) ui.grounds = { ...ui.grounds, cost_ipr: { 'ui:field': HIDDEN_SECTION } };
  return ui;
}
