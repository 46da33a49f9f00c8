/**
 * The commented request skeleton that `exemptions new` writes for agency staff to fill in. The comment
 * above each field is that field's description in the request schema (plain words and the policy
 * clause), so the skeleton and the schema cannot drift apart; the template below only adds how to write
 * the value.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { programsOf } from '../core/clauses.ts';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';
import { PROGRAM_FOLDERS } from './discover.ts';
import { clauseIdsOf, type SchemaNode } from './messages.ts';
import type { Program } from './types.ts';
import { requestDescriptions, requestSchema } from './validate.ts';

export class SkeletonError extends UserError {}

const LINE_WIDTH = 100;

/**
 * The template. A line `@/pointer | hint` becomes the schema's description of that field as comment
 * lines at the line's indentation, followed by the hint. `{{id}}`, `{{program}}`, `{{agency}}` and
 * `{{folder}}` are filled in. `calnet:` and `cgen:` prefixes keep a line for that program only; the
 * blocks of the grounds carry none, because the schema says which grounds a program has (`groundsOf`).
 */
const TEMPLATE = `# Exemption request from {{programTitle}}.
#
# How to fill it in:
#  - Write each answer after the colon ("name: your answer"). Lines starting with # are notes for you
#    and are ignored. Keep the spaces at the start of each line as they are: they group the fields.
#  - Write dates as "YYYY-MM-DD" in quotes, and ZIP codes in quotes, such as "95814".
#  - For a longer text, write > after the colon and the text on the lines below, indented two spaces
#    more than the field's name.
#  - Put each supporting document (quotes, IPR documentation, FSR, SLA) as a separate file in the folder
#    {{folder}} and list it under attachments.
#  - Check your work before you open the pull request, with the command
#        npx exemptions check {{file}}
#    It shows every problem at once, with its line and column and what the policy requires.

@/format | Leave as it is.
format: 2
@/id | Leave as it is: it must stay the same as the file name.
id: {{id}}
@/program | Leave as it is: it must match the folder the file is in.
program: {{program}}
@/renews | Only when this renews or extends a granted exemption: remove the # at the start of the next line and write its id.
# renews:

agency:
  @/agency/code
  code: {{agency}}
  @/agency/name
  name:

submitted:
  @/submitted/date | Write it as "YYYY-MM-DD" in quotes: before the purchase date below.
  date:
  by:
    @/submitted/by/name
    name:
    @/submitted/by/email
    email:
    @/submitted/by/role | One of: {{roles}}.
    role:
    @/submitted/by/designation | Only when role is equivalent: remove the # at the start of the next line and fill it in.
    # designation:

cgen:@/approvals | One entry for the AIO and one for the CIO; dates as "YYYY-MM-DD" in quotes.
cgen:approvals:
cgen:  - role: aio
cgen:    name:
cgen:    date:
cgen:  - role: cio
cgen:    name:
cgen:    date:
cgen:
calnet:@/project
calnet:project:
calnet:  @/project/name
calnet:  name:
calnet:  @/project/reference | Optional: delete the line if there is none.
calnet:  reference:
calnet:
@/services | Copy the block from "- service:" down to "zip:" once for each further service.
services:
  - @/services/*/service | {{services}}
    service:
    @/services/*/type
    type:
    @/services/*/quantity
    quantity:
    location:
      @/services/*/location/site | Optional: delete the line if the site has no name.
      site:
      @/services/*/location/street
      street:
      @/services/*/location/city
      city:
      @/services/*/location/zip
      zip:

@/need
need:
calnet:@/ramifications
calnet:ramifications:
@/program_shortfall
program_shortfall:

reason:
  @/reason/kind | One of: {{reasonKinds}}.
  kind:
  @/reason/explanation
  explanation:

@/grounds | {{groundsHint}}
grounds:
  @/grounds/functionality
  functionality:
    @/grounds/functionality/lacking | A list: write one or more of {{lacking}} as "- availability" lines below.
    lacking:
    @/grounds/functionality/explanation
    explanation:
  @/grounds/cost_ipr
  cost_ipr:
    @/grounds/cost_ipr/ipr_document
    ipr_document:
    @/grounds/cost_ipr/alternative_cost | In dollars, such as 120000.00.
    alternative_cost:
    @/grounds/cost_ipr/comparable_calnet_cost | In dollars, such as 160000.00.
    comparable_calnet_cost:
    comparison_factors:
      @/grounds/cost_ipr/comparison_factors/slas
      slas:
      @/grounds/cost_ipr/comparison_factors/network_support
      network_support:
      @/grounds/cost_ipr/comparison_factors/diversity
      diversity:
      @/grounds/cost_ipr/comparison_factors/survivability
      survivability:
      @/grounds/cost_ipr/comparison_factors/recoverability
      recoverability:
      @/grounds/cost_ipr/comparison_factors/scalability
      scalability:
    network_interference:
      @/grounds/cost_ipr/network_interference/unduly_interferes | true or false.
      unduly_interferes:
      @/grounds/cost_ipr/network_interference/explanation
      explanation:
  @/grounds/fsr
  fsr:
    @/grounds/fsr/number
    number:
    @/grounds/fsr/document
    document:
    @/grounds/fsr/submitted_to_stnd | "YYYY-MM-DD" in quotes.
    submitted_to_stnd:
    @/grounds/fsr/submitted_to_dof | "YYYY-MM-DD" in quotes.
    submitted_to_dof:
    stnd_review:
      @/grounds/fsr/stnd_review/reviewed | true or false.
      reviewed:
      @/grounds/fsr/stnd_review/date | "YYYY-MM-DD" in quotes; delete the line if not yet reviewed.
      date:
    dof_coordination:
      @/grounds/fsr/dof_coordination/coordinated | true or false.
      coordinated:
      @/grounds/fsr/dof_coordination/date | "YYYY-MM-DD" in quotes; delete the line if not yet coordinated.
      date:

contract:
  @/contract/provider
  provider:
  @/contract/length_months | A whole number of months, such as 36.
  length_months:
  @/contract/start_date | "YYYY-MM-DD" in quotes.
  start_date:
  @/contract/purchase_date | "YYYY-MM-DD" in quotes: after the submission date and after the decision.
  purchase_date:
  @/contract/terms
  terms:
  @/contract/early_termination
  early_termination:
  @/contract/optional_extensions
  optional_extensions:
  @/contract/covered_extension_months | A whole number: 0 to cover the contract's length only.
  covered_extension_months: 0
calnet:  @/contract/renewal
calnet:  renewal:
calnet:    @/contract/renewal/renews_outside_contract | true or false.
calnet:    renews_outside_contract:
calnet:    @/contract/renewal/existing_contract | Only when the answer above is true: remove the # at the start of this line and the next and fill them in.
calnet:    # existing_contract:
calnet:    # action_date:
  sla:
calnet:    @/contract/sla/available | Leave as true: CALNET needs the SLA terms and remedies.
calnet:    available: true
cgen:    @/contract/sla/available | true or false. When false, delete the terms and remedies lines.
cgen:    available:
    @/contract/sla/terms
    terms:
    @/contract/sla/remedies
    remedies:

cost:
  @/cost/currency | Leave as it is.
  currency: USD
  @/cost/total | In dollars, such as 120000.00: the sum of the items below.
  total:
  @/cost/items | Copy the "- item:" and "amount:" lines once for each further item.
  items:
    - item:
      amount:

@/attachments | For each document: the file's path inside {{folder}}, its kind and a title. Write "attachments: []" if there are none.
attachments:
  - @/attachments/*/file
    file:
    @/attachments/*/kind | One of: {{attachmentKinds}}.
    kind:
    @/attachments/*/title
    title:

@/ato_notice | Only for a local agency leaving a service of its Authorization To Order after its term: remove the # at the start of the next two lines and fill in the date.
# ato_notice:
#   given_on:
`;

const PROGRAM_TITLES: Record<Program, string> = {
  calnet: 'the CALNET MSA mandatory services (CALNET MSA exemption policy)',
  cgen: 'CGEN wide-area network services (CGEN exemption policy)',
};

/** The allowed values of a field, read from the schema (the one place they are listed). */
function choicesAt(...path: string[]): string {
  let node: unknown = requestSchema();
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  if (!Array.isArray(node)) throw new Error(`the request schema lists no choices at ${path.join('/')}`);
  return node.map(String).join(', ');
}

/** The service ids of the service catalog, as a hint; the catalog is reference data, read if present. */
function serviceHint(): string {
  try {
    const catalog = JSON.parse(readFileSync(SERVICE_CATALOG, 'utf8')) as {
      services?: Record<string, unknown>;
    };
    const ids = Object.keys(catalog.services ?? {});
    if (ids.length > 0) return `The service catalog lists: ${ids.join(', ')}.`;
  } catch {
    // Without the catalog the field's description still says what to write.
  }
  return '';
}

const SERVICE_CATALOG = join(repoRoot, 'policies', 'reference', 'services.json');

function wrap(text: string, indent: string, width = LINE_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + 2 + line.length + 1 + word.length > width) {
      lines.push(`${indent}# ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`${indent}# ${line}`);
  return lines;
}

export interface SkeletonOptions {
  program: Program;
  agency: string;
  id: string;
  /** The grounds to write blocks for (names as in the request, such as cost_ipr); default every one. */
  grounds?: readonly string[];
  /** The request schema relative to the file, for the editor line that names it. */
  schemaPath?: string;
}

/**
 * The grounds a program's requests can claim, in the schema's order (the names used in the request):
 * those whose clauses (`x-clause`) include one of that program's policy text. A ground only the other
 * program provides is refused by the policy, so `new` neither offers nor writes it.
 */
export function groundsOf(program: Program): string[] {
  const grounds = (requestSchema().$defs as SchemaNode | undefined)?.grounds as SchemaNode | undefined;
  return Object.entries((grounds?.properties ?? {}) as Record<string, SchemaNode>)
    .filter(([, ground]) => programsOf(clauseIdsOf(ground)).includes(program))
    .map(([name]) => name);
}

/** The template's lines for one program. */
function programLines(program: Program): string[] {
  return TEMPLATE.split('\n').flatMap((raw) => {
    const scoped = /^(calnet|cgen):(.*)$/.exec(raw);
    if (!scoped) return [raw];
    return scoped[1] === program ? [scoped[2] ?? ''] : [];
  });
}

/** The block of a ground starts at the marker of its description, two spaces in. */
const GROUND_MARKER = /^ {2}@\/grounds\/([a-z_]+)$/;

/** The text of a new request for one program, with every field explained in a comment above it. */
export function renderSkeleton({ program, agency, id, grounds, schemaPath }: SkeletonOptions): string {
  const descriptions = requestDescriptions();
  const folder = `requests/${program}/${id}/`;
  const offered = groundsOf(program);
  const written = new Set(grounds ?? offered);
  const out: string[] = schemaPath ? [`# yaml-language-server: $schema=${schemaPath}`] : [];
  let ground: string | undefined;
  for (const programLine of programLines(program)) {
    // Inside the grounds, a block lasts until the next ground or the end of the grounds.
    const start = GROUND_MARKER.exec(programLine)?.[1];
    if (start) ground = start;
    else if (!programLine.startsWith('    ') && !/^ {2}[a-z_]+:$/.test(programLine)) ground = undefined;
    if (ground && !written.has(ground)) continue;
    const line = programLine
      .replaceAll('{{programTitle}}', PROGRAM_TITLES[program])
      .replaceAll('{{program}}', program)
      .replaceAll('{{agency}}', agency)
      .replaceAll('{{id}}', id)
      .replaceAll('{{folder}}', folder)
      .replaceAll('{{file}}', `requests/${program}/${id}.yaml`)
      .replaceAll('{{roles}}', choicesAt('$defs', 'submitter', 'properties', 'role', 'enum'))
      .replaceAll(
        '{{lacking}}',
        choicesAt('$defs', 'functionalityGround', 'properties', 'lacking', 'items', 'enum'),
      )
      .replaceAll('{{attachmentKinds}}', choicesAt('$defs', 'attachment', 'properties', 'kind', 'enum'))
      .replaceAll('{{services}}', serviceHint())
      .replaceAll(
        '{{groundsHint}}',
        grounds || offered.length === 1
          ? 'Fill in the block of each ground you claim.'
          : 'Keep the grounds you claim and delete the blocks of the others.',
      )
      .replaceAll(
        '{{reasonKinds}}',
        choicesAt('$defs', `${program}Rules`, 'properties', 'reason', 'properties', 'kind', 'enum'),
      );
    const marker = /^(\s*)(- )?@(\S+)(?: \| (.*))?$/.exec(line);
    if (!marker) {
      out.push(line);
      continue;
    }
    const [, indent = '', dash, pointer = '', hint = ''] = marker;
    const description = descriptions.at(pointer);
    if (!description) throw new Error(`the request schema does not describe ${pointer}`);
    out.push(...wrap(description, indent));
    if (hint) out.push(...wrap(hint, indent));
    if (dash) {
      // The next template line holds the field; it is joined to the "- " here.
      out.push(`${indent}- \u0000`);
    }
  }
  // Join each "- " placeholder with the field line that follows it.
  const joined: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const line = out[i] as string;
    if (line.endsWith('- \u0000')) {
      const next = (out[i + 1] ?? '').trimStart();
      joined.push(`${line.slice(0, -1)}${next}`);
      i++;
    } else joined.push(line);
  }
  return `${joined
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function patternOf(...path: string[]): RegExp {
  let node: unknown = requestSchema();
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  if (typeof node !== 'string') throw new Error(`the request schema has no pattern at ${path.join('/')}`);
  return new RegExp(node, 'u');
}

/** The next free default id for an agency and year: `<agency>-<year>-<nn>`, unused in both programs. */
export function defaultRequestId(requestsRoot: string, agency: string, year: number): string {
  const base = `${agency.toLowerCase()}-${year}`;
  for (let n = 1; n < 1000; n++) {
    const id = `${base}-${String(n).padStart(2, '0')}`;
    if (!idTaken(requestsRoot, id)) return id;
  }
  throw new SkeletonError(`no free request id left for ${base}; give one with --id`);
}

function idTaken(requestsRoot: string, id: string): boolean {
  return PROGRAM_FOLDERS.some(
    (p) =>
      existsSync(join(requestsRoot, p, `${id}.yaml`)) ||
      existsSync(join(requestsRoot, p, `${id}.yml`)) ||
      existsSync(join(requestsRoot, p, id)),
  );
}

/** Why an id cannot be a new request's (its form, or a request that has it already), or undefined; `named` is how the message names the id. */
export function idProblem(requestsRoot: string, id: string, named = '--id'): string | undefined {
  const idPattern = patternOf('properties', 'id', 'pattern');
  const idMaxLength = Number(
    (requestSchema().properties as Record<string, { maxLength?: number }>).id?.maxLength,
  );
  if (!idPattern.test(id) || id.length > idMaxLength) {
    return `${named} must be lowercase letters, digits and single hyphens, starting with a letter (such as dgs-2026-sd-wan), not ${JSON.stringify(id)}`;
  }
  if (idTaken(requestsRoot, id))
    return `${named} ${id} is taken: a request with that id already exists under ${requestsRoot}`;
  return undefined;
}

/** Why a code cannot be an agency's (its form), or undefined; whether it is registered is the policy's to say. */
export function agencyProblem(code: string): string | undefined {
  if (patternOf('$defs', 'agency', 'properties', 'code', 'pattern').test(code)) return undefined;
  return `--agency must be an agency code of capital letters, digits and hyphens, such as DGS or SAC-COUNTY, not ${JSON.stringify(code)}`;
}

/** Why grounds cannot be a program's request's (none, or one the program does not have), or undefined. */
export function groundsProblem(program: Program, grounds: readonly string[]): string | undefined {
  const allowed = groundsOf(program);
  const unknown = grounds.filter((g) => !allowed.includes(g));
  if (unknown.length === 0 && grounds.length > 0) return undefined;
  return `--ground must be one of ${allowed.join(', ')} for ${program}, not ${JSON.stringify(unknown[0] ?? '')}`;
}

export interface NewRequest {
  file: string;
  folder: string;
  id: string;
}

/**
 * Writes a new request skeleton at `<requestsRoot>/<program>/<id>.yaml` and its supporting-documents
 * folder beside it. Never overwrites: an id in use in either program is refused.
 */
export function writeSkeleton(options: {
  requestsRoot?: string;
  program: Program;
  agency: string;
  id?: string;
  /** The grounds to write blocks for; default every ground of the program. */
  grounds?: readonly string[];
  year: number;
}): NewRequest {
  const requestsRoot = resolve(options.requestsRoot ?? 'requests');
  const agency = options.agency;
  const agencyWrong = agencyProblem(agency);
  if (agencyWrong) throw new SkeletonError(agencyWrong);
  const id = options.id ?? defaultRequestId(requestsRoot, agency, options.year);
  const problem = idProblem(requestsRoot, id);
  if (problem) throw new SkeletonError(problem);
  const groundsWrong = options.grounds && groundsProblem(options.program, options.grounds);
  if (groundsWrong) throw new SkeletonError(groundsWrong);
  const programFolder = join(requestsRoot, options.program);
  const file = join(programFolder, `${id}.yaml`);
  const folder = join(programFolder, id);
  mkdirSync(folder, { recursive: true });
  // git keeps no empty folders; the note also tells the author what the folder is for.
  writeFileSync(
    join(folder, 'README.md'),
    `# Supporting documents of request ${id}\n\nPut each supporting document of \`${id}.yaml\` in this folder as a separate file\n(vendor documentation, IPR documentation, FSR, SLA) and list it under \`attachments\` in the request.\n`,
    { flag: 'wx' },
  );
  // The editor line names the schema of the repository the requests folder is in, wherever it is cloned.
  const schemaPath = relative(programFolder, join(dirname(requestsRoot), 'schemas', 'request.schema.json'));
  const text = renderSkeleton({
    program: options.program,
    agency,
    id,
    schemaPath: schemaPath.split(sep).join('/'),
    ...(options.grounds ? { grounds: options.grounds } : {}),
  });
  writeFileSync(file, text, { flag: 'wx' });
  return { file, folder, id };
}
