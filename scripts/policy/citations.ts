/**
 * The citations of a decision, looked up by code. The policy decides and names codes; the clause text of
 * each code lives once, in `policies/exemptions/catalog/citations.json` (composed by `npm run docs:policy`
 * from each rule's METADATA and the clause catalog), which the policy bundle carries as data so that its
 * digest covers it. Looking the text up here rather than inside the wasm keeps several kilobytes of text
 * per decision off the wasm boundary, and every decision shares the catalog's strings instead of holding
 * copies of its own.
 */
import type { Decision, Deficiency, Note } from './decision.ts';

/** The marker a code without a citation for the request's program gets; the tests look for it. */
export const NO_CITATION = '(no citation recorded)';

/** The programs, in the order a request of unknown program cites them. */
const PROGRAMS = ['calnet', 'cgen'] as const;

/** Citation text by kind (outcome, reason, ground, deficiency, note, approver), then code, then program. */
export class CitationCatalog {
  private constructor(
    private readonly byKind: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, string>>>,
  ) {}

  /** The catalog as `citations.json` writes it (only text entries are kept). */
  static fromJson(citations: unknown): CitationCatalog {
    const byKind = new Map<string, Map<string, Map<string, string>>>();
    for (const [kind, codes] of entriesOf(citations)) {
      const byCode = new Map<string, Map<string, string>>();
      for (const [code, programs] of entriesOf(codes)) {
        const texts = new Map<string, string>();
        for (const [program, text] of entriesOf(programs))
          if (typeof text === 'string') texts.set(program, text);
        byCode.set(code, texts);
      }
      byKind.set(kind, byCode);
    }
    return new CitationCatalog(byKind);
  }

  /** The catalog a built policy's data carries (`data.exemptions.catalog.citations`); empty without one. */
  static ofPolicyData(data: unknown): CitationCatalog {
    const catalog = (data as { exemptions?: { catalog?: { citations?: unknown } } } | null)?.exemptions
      ?.catalog;
    return CitationCatalog.fromJson(catalog?.citations);
  }

  /**
   * The citation of a code for a program: the program's own; for a request of unknown program, every
   * program's, joined; otherwise the marker, never the other program's text.
   */
  of(kind: string, code: string, program: string | null): string {
    const texts = this.byKind.get(kind)?.get(code);
    if (!texts) return NO_CITATION;
    if (program !== null) return texts.get(program) ?? NO_CITATION;
    const all = PROGRAMS.map((name) => texts.get(name)).filter((text): text is string => Boolean(text));
    return all.length > 0 ? all.join('; ') : NO_CITATION;
  }
}

function entriesOf(value: unknown): [string, unknown][] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

/**
 * A decision as the policy returns it: every part but the citations. A policy built before the
 * citations were looked up outside it returns them itself, and they are kept as they are.
 */
export type PolicyDecision = Omit<Decision, 'citations' | 'deficiencies' | 'notes'> & {
  deficiencies: Omit<Deficiency, 'citation'>[];
  notes: Omit<Note, 'citation'>[];
  citations?: Decision['citations'];
};

/**
 * The decision with its citations: each deficiency and note with its own, and one per subject (the
 * outcome, each reason, ground, deficiency code and note, the approver), sorted by subject. The
 * decision is the policy's own fresh value, so it is completed in place rather than copied.
 */
export function citeDecision(decision: PolicyDecision, catalog: CitationCatalog): Decision {
  if (decision.citations !== undefined) return decision as Decision;
  const program = decision.program;
  const cited = decision as Decision;
  const citations: Decision['citations'] = [
    { subject: 'outcome', citation: catalog.of('outcome', decision.outcome, program) },
  ];
  for (const code of decision.reasons) {
    citations.push({ subject: `reason:${code}`, citation: catalog.of('reason', code, program) });
  }
  for (const code of decision.grounds) {
    citations.push({ subject: `ground:${code}`, citation: catalog.of('ground', code, program) });
  }
  const deficiencyCodes = new Set<string>();
  for (const issue of cited.deficiencies) {
    issue.citation = catalog.of('deficiency', issue.code, program);
    if (!deficiencyCodes.has(issue.code)) {
      deficiencyCodes.add(issue.code);
      citations.push({ subject: `deficiency:${issue.code}`, citation: issue.citation });
    }
  }
  for (const note of cited.notes) {
    note.citation = catalog.of('note', note.code, program);
    citations.push({ subject: `note:${note.code}`, citation: note.citation });
  }
  if (decision.approver !== null) {
    citations.push({
      subject: 'approver',
      citation: program === null ? NO_CITATION : catalog.of('approver', program, program),
    });
  }
  citations.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  cited.citations = citations;
  return cited;
}
