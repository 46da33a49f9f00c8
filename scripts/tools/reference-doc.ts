/**
 * Generates the policy reference from the policy itself, so that it cannot drift: the METADATA of every
 * rule that produces an outcome, reason, ground, deficiency, note or approver (read with
 * `opa inspect -a`), and the reference data. Writes four files:
 *
 * - `docs/policy-reference.md`, the page people read;
 * - `policies/exemptions/catalog/citations.json`, the citation of every code, composed from the clause
 *   ids its rules name and the clause catalog (the decision looks citations up by code, across rules, so
 *   they are compiled into data);
 * - the limits table of `docs/request-format.md` (limits-doc.ts) and the tables of `docs/audit.md`
 *   (audit-doc.ts).
 *
 *   tsx scripts/reference-doc.ts            # rewrite both
 *   tsx scripts/reference-doc.ts --check    # exit 1 when either is out of date
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ClauseCatalog,
  citeClauses,
  clauseCatalog,
  clausesOf,
  clausesPath,
  programsOf,
} from '../core/clauses.ts';
import { policiesDir, repoRoot } from '../core/paths.ts';
import { runTool } from '../core/toolchain.ts';
import { OUTCOMES_BY_PRECEDENCE } from '../policy/outcomes.ts';
import { CODE_KINDS, type CodeKind, codeAnchor, POLICY_REFERENCE_PAGE } from '../render/reference.ts';
import type { SchemaDescriptions } from '../request/messages.ts';
import { requestDescriptions } from '../request/validate.ts';
import { auditDocPath, withAuditTables } from './audit-doc.ts';
import { requestFormatPath, withLimitsTable } from './limits-doc.ts';

export { CODE_KINDS, type CodeKind };

/** A citation written once for both programs, or per program. */
/** Each program's own citation; a code cites only the programs whose clauses its rule names. */
export type Citation = { calnet?: string; cgen?: string };

/** One rule that produces a code, as its METADATA describes it. */
export interface CodedRule {
  kind: CodeKind;
  code: string;
  title: string;
  description: string;
  /** The ids of the clauses it implements, in `policies/reference/clauses.json`. */
  clauses: string[];
  /** `data.exemptions.completeness.deficiencies`, for example. */
  rule: string;
  file: string;
  row: number;
}

export type CitationCatalog = Record<CodeKind, Record<string, Citation>>;

interface InspectAnnotation {
  annotations: {
    title?: string;
    description?: string;
    custom?: { kind?: unknown; code?: unknown; clauses?: unknown };
  };
  location: { file: string; row: number };
  path: { value: string }[];
}

export const docPath = join(repoRoot, POLICY_REFERENCE_PAGE);
export const citationsPath = join(policiesDir, 'exemptions', 'catalog', 'citations.json');

function isClauseList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((id) => typeof id === 'string' && /^[a-z][a-z0-9.-]*$/.test(id))
  );
}

/** Every rule whose METADATA carries `custom.kind` and `custom.code`, in file order. */
export function readCodedRules(
  policyDir: string = policiesDir,
  catalog: ClauseCatalog = clauseCatalog(clausesPath(policyDir)),
): CodedRule[] {
  const out = runTool(
    'opa',
    ['inspect', '--annotations', '--format', 'json', relative(repoRoot, policyDir)],
    {
      cwd: repoRoot,
    },
  );
  const inspected = JSON.parse(out.stdout) as { annotations?: InspectAnnotation[] };
  const rules: CodedRule[] = [];
  for (const entry of inspected.annotations ?? []) {
    const custom = entry.annotations.custom;
    if (!custom || custom.kind === undefined) continue;
    const where = `${entry.location.file}:${entry.location.row}`;
    const kind = custom.kind as CodeKind;
    if (!CODE_KINDS.includes(kind))
      throw new Error(`${where}: custom.kind "${String(custom.kind)}" is unknown`);
    if (typeof custom.code !== 'string' || !/^[a-z][a-z0-9-]*$/.test(custom.code))
      throw new Error(`${where}: custom.code must be a kebab-case code`);
    if (!isClauseList(custom.clauses))
      throw new Error(`${where}: custom.clauses must list the ids of the clauses the rule implements`);
    try {
      clausesOf(custom.clauses, catalog);
    } catch (error) {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!entry.annotations.title) throw new Error(`${where}: the rule for ${custom.code} has no title`);
    rules.push({
      kind,
      code: custom.code,
      title: entry.annotations.title,
      description: entry.annotations.description ?? '',
      clauses: custom.clauses,
      rule: entry.path.map((p) => p.value).join('.'),
      file: entry.location.file,
      row: entry.location.row,
    });
  }
  return rules.sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row);
}

/**
 * The citation of clauses as the decision attaches it: each program's own, so that a request is shown
 * only its program's clauses, and a code that cites nothing of the request's program shows the marker
 * the tests look for instead of the other program's text.
 */
export function citationOf(ids: readonly string[], catalog: ClauseCatalog = clauseCatalog()): Citation {
  const programs = programsOf(ids, catalog);
  return Object.fromEntries(
    programs.map((program) => [
      program,
      citeClauses(
        ids.filter((id) => catalog.clauses[id]?.program === program),
        'full',
        catalog,
      ),
    ]),
  );
}

/** The citation of every code; fails when two rules give one code different clauses. */
export function compileCitations(
  rules: CodedRule[],
  catalog: ClauseCatalog = clauseCatalog(),
): CitationCatalog {
  const compiled = Object.fromEntries(CODE_KINDS.map((kind) => [kind, {}])) as CitationCatalog;
  const clausesByCode = new Map<string, string>();
  for (const rule of rules) {
    const key = `${rule.kind}:${rule.code}`;
    const known = clausesByCode.get(key);
    if (known !== undefined && known !== JSON.stringify(rule.clauses)) {
      throw new Error(
        `${rule.file}:${rule.row}: ${rule.kind} ${rule.code} cites other clauses than another rule that produces it`,
      );
    }
    clausesByCode.set(key, JSON.stringify(rule.clauses));
    compiled[rule.kind][rule.code] = citationOf(rule.clauses, catalog);
  }
  return compiled;
}

function sortedObject<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

export function renderCitationsJson(catalog: CitationCatalog): string {
  const citations = Object.fromEntries(CODE_KINDS.map((kind) => [kind, sortedObject(catalog[kind])]));
  const document = {
    $comment:
      'Generated by npm run docs:policy from the METADATA of the rules in policies/exemptions and the clause catalog policies/reference/clauses.json; do not edit by hand.',
    citations,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function citationText(citation: Citation): string {
  const parts: string[] = [];
  if (citation.calnet) parts.push(`CALNET: ${citation.calnet}`);
  if (citation.cgen) parts.push(`CGEN: ${citation.cgen}`);
  return parts.join('<br>');
}

/** Table cells hold text written by the maintainers; only the characters that break a table are escaped. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

const OUTCOME_ORDER: readonly string[] = OUTCOMES_BY_PRECEDENCE;

function codesOf(rules: CodedRule[], kind: CodeKind): string[] {
  const codes = [...new Set(rules.filter((r) => r.kind === kind).map((r) => r.code))];
  if (kind === 'outcome') return codes.sort((a, b) => OUTCOME_ORDER.indexOf(a) - OUTCOME_ORDER.indexOf(b));
  return codes.sort();
}

function ruleList(rules: CodedRule[]): string {
  return rules.map((r) => `${r.title} (\`${r.file}:${r.row}\`)`).join('<br>');
}

function codeTable(
  rules: CodedRule[],
  kind: CodeKind,
  catalog: ClauseCatalog,
  withOutcome = false,
): string[] {
  const header = withOutcome
    ? ['| code | leads to | rules | citation |', '| --- | --- | --- | --- |']
    : ['| code | meaning | rules | citation |', '| --- | --- | --- | --- |'];
  const rows = codesOf(rules, kind).map((code) => {
    const producing = rules.filter((r) => r.kind === kind && r.code === code);
    const first = producing[0] as CodedRule;
    const second = withOutcome
      ? first.rule.includes('.grounds.')
        ? '`ground-not-met`'
        : '`incomplete`'
      : cell(first.description || first.title);
    // A named anchor per row (GitHub keeps `name`, not `id`), for links to one code such as SARIF's helpUri.
    const anchor = `<a name="${codeAnchor(kind, code)}"></a>`;
    return `| ${anchor}\`${code}\` | ${second} | ${cell(ruleList(producing))} | ${cell(citationText(citationOf(first.clauses, catalog)))} |`;
  });
  return [...header, ...rows];
}

interface AgencyEntry {
  name: string;
  status: string;
  exempt_category?: string;
  branch?: string;
  ato_agreements?: { services: string[]; start_date: string }[];
}

interface Thresholds {
  ipr_savings_threshold_basis_points: number;
  ipr_near_threshold_band_basis_points: number;
  ato_term_years: number;
  ato_notice_calendar_days: number;
  amount_ceiling_usd: number;
}

interface ReferenceData {
  agencies: Record<string, AgencyEntry>;
  services: Record<string, { name: string; mandatory: boolean; cgen_scope: boolean }>;
  thresholds: Thresholds;
}

export function readReferenceData(policyDir: string = policiesDir): ReferenceData {
  const read = (name: string) => JSON.parse(readFileSync(join(policyDir, 'reference', name), 'utf8'));
  return {
    agencies: read('agencies.json').agencies,
    services: read('services.json').services,
    thresholds: read('thresholds.json').thresholds,
  };
}

function agencyDetail(agency: AgencyEntry): string {
  if (agency.exempt_category) return agency.exempt_category;
  if (agency.branch) return agency.branch;
  if (agency.ato_agreements) {
    return agency.ato_agreements.length === 0
      ? 'no ATO'
      : agency.ato_agreements.map((a) => `ATO for ${a.services.join(', ')} from ${a.start_date}`).join('; ');
  }
  return '';
}

/** Who cites each clause: the codes whose rules implement it and the request fields whose rules serve it. */
function clauseTable(rules: CodedRule[], catalog: ClauseCatalog, fields: SchemaDescriptions): string[] {
  const rows = Object.entries(catalog.clauses).map(([id, clause]) => {
    const codes = [
      ...new Set(rules.filter((r) => r.clauses.includes(id)).map((r) => `\`${r.kind}:${r.code}\``)),
    ];
    const serving = fields.fieldsServing(id).map((path) => `\`${path}\``);
    const citedBy = [...codes, ...serving].join(', ') || 'not cited';
    return `| \`${id}\` | ${cell(catalog.programs[clause.program].title)}, ${cell(clause.section)} | ${cell(clause.paraphrase)} | ${cell(citedBy)} |`;
  });
  return [
    '| clause | where | what it provides (in our words) | cited by |',
    '| --- | --- | --- | --- |',
    ...rows,
  ];
}

export function renderReferenceDoc(
  rules: CodedRule[],
  reference: ReferenceData,
  catalog: ClauseCatalog = clauseCatalog(),
  fields: SchemaDescriptions = requestDescriptions(),
): string {
  const t = reference.thresholds;
  const lines = [
    '# Policy reference',
    '',
    '<!-- Generated by `npm run docs:policy` from the policy METADATA and the reference data. Do not edit by hand. -->',
    '',
    'Every outcome, reason, ground, deficiency code, note and approver the policy can return, with the rules',
    'that produce it (`policies/exemptions/`) and the clause of the policy text it implements. The texts are',
    'the CALNET MSA exemption policy (issued under Government Code sections 11534-11543) and the CGEN',
    'exemption policy; they are cited by section and paraphrased, never quoted.',
    '',
    '## Outcomes, in order of precedence',
    '',
    'A request that fails the JSON Schema is `invalid` and is not evaluated. Otherwise the first outcome',
    'that applies wins: applicability first, then completeness, then grounds.',
    '',
    ...codeTable(rules, 'outcome', catalog),
    '',
    '## Reasons (`not-required`)',
    '',
    ...codeTable(rules, 'reason', catalog),
    '',
    '## Grounds (`ready-for-decision`)',
    '',
    ...codeTable(rules, 'ground', catalog),
    '',
    '## Deficiency codes',
    '',
    'Each deficiency carries a JSON Pointer into the request, a message in plain words and its citation.',
    '',
    ...codeTable(rules, 'deficiency', catalog, true),
    '',
    '## Notes',
    '',
    'Notes never block a request; they tell reviewers and the agency what still applies.',
    '',
    ...codeTable(rules, 'note', catalog),
    '',
    '## Approvers',
    '',
    ...codeTable(rules, 'approver', catalog),
    '',
    '## Clauses',
    '',
    'Every clause the project cites, from `policies/reference/clauses.json`. Rules name clauses by id (the',
    '`clauses` of their METADATA, the `x-clause` of a request schema rule); the words of every citation come',
    'from this catalog.',
    '',
    ...clauseTable(rules, catalog, fields),
    '',
    '## Choices the texts leave open',
    '',
    `- **IPR threshold.** The policy asks for savings of "about" 20%. Savings at or above ${t.ipr_savings_threshold_basis_points / 100}% of the`,
    '  comparable CALNET cost meet the cost ground. Savings in the band of',
    `  ${t.ipr_near_threshold_band_basis_points / 100} percentage points just below it also show the ground, with the note`,
    '  `ipr-savings-near-threshold` asking the reviewer to judge them; savings below the band give',
    '  `cost-savings-below-threshold`. Savings are compared by cross-multiplication in whole cents, so a',
    '  saving of exactly the threshold meets it.',
    `- **ATO term.** An agreement's term ends ${t.ato_term_years} years after its start date, on the same calendar day (1 March`,
    '  for a term that starts on 29 February and ends in a year without one). On that day the term has ended;',
    '  the day before is its last day.',
    `- **ATO notice.** Notice counts when it was given at least ${t.ato_notice_calendar_days} calendar days before the evaluation date.`,
    '  An ATO-bound decision names the first date the agency may buy elsewhere: the latest term end of the',
    '  bound services, or the day the notice runs out if later (counted from the evaluation date when no',
    '  notice has been given).',
    '- **Before purchasing or renewing.** A contract that starts, or a renewal acted on, on or before the',
    '  evaluation date leaves no time for an exemption to be granted first.',
    `- **Amounts** are read to the nearest cent; amounts above $${t.amount_ceiling_usd.toLocaleString('en-US')} are treated as entry errors.`,
    "- **Dates** come from the input: the evaluation date is the pull request's evaluation time, or the merge",
    '  date when an audit re-evaluates. The policy never reads a clock.',
    '',
    '## Reference data',
    '',
    '### Thresholds (`policies/reference/thresholds.json`)',
    '',
    '| name | value |',
    '| --- | --- |',
    ...Object.entries(t).map(([name, value]) => `| \`${name}\` | ${value} |`),
    '',
    '### Agencies (`policies/reference/agencies.json`)',
    '',
    '| code | name | status | category, branch or ATO |',
    '| --- | --- | --- | --- |',
    ...Object.entries(reference.agencies).map(
      ([code, a]) => `| \`${code}\` | ${cell(a.name)} | ${a.status} | ${cell(agencyDetail(a))} |`,
    ),
    '',
    '### Services (`policies/reference/services.json`)',
    '',
    '| id | name | mandatory (STMM 400.1) | CGEN scope |',
    '| --- | --- | --- | --- |',
    ...Object.entries(reference.services).map(
      ([id, s]) =>
        `| \`${id}\` | ${cell(s.name)} | ${s.mandatory ? 'yes' : 'no'} | ${s.cgen_scope ? 'yes' : 'no'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

export interface GeneratedFiles {
  doc: string;
  citations: string;
  /** docs/request-format.md with its limits table regenerated. */
  requestFormat: string;
  /** docs/audit.md with its violation-kind and CSV-column tables regenerated. */
  audit: string;
}

export function generate(policyDir: string = policiesDir): GeneratedFiles {
  const catalog = clauseCatalog(clausesPath(policyDir));
  const rules = readCodedRules(policyDir, catalog);
  return {
    doc: renderReferenceDoc(rules, readReferenceData(policyDir), catalog),
    citations: renderCitationsJson(compileCitations(rules, catalog)),
    requestFormat: withLimitsTable(readOrEmpty(requestFormatPath), policyDir),
    audit: withAuditTables(readOrEmpty(auditDocPath)),
  };
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const files = generate();
    const targets: [string, string][] = [
      [docPath, files.doc],
      [citationsPath, files.citations],
      [requestFormatPath, files.requestFormat],
      [auditDocPath, files.audit],
    ];
    if (process.argv.includes('--check')) {
      const stale = targets.filter(([path, text]) => readOrEmpty(path) !== text).map(([path]) => path);
      if (stale.length > 0) {
        console.error(
          `out of date (run npm run docs:policy): ${stale.map((p) => relative(repoRoot, p)).join(', ')}`,
        );
        process.exit(1);
      }
      console.log('policy reference and citations are up to date');
    } else {
      for (const [path, text] of targets) writeFileSync(path, text);
      console.log(`wrote ${targets.map(([path]) => relative(repoRoot, path)).join(' and ')}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
