/**
 * An evaluation run as one SARIF 2.1.0 log, for GitHub code scanning: every finding of every file
 * (`findingsOf`, but the notes for reviewers) as a result at its line and column, one rule per code with a link to where the policy
 * reference explains it, and the policy digest and evaluation date on the run. User text reaches the
 * log only through `sarifText`.
 */
import { createHash } from 'node:crypto';
import { productVersion } from '../core/version.ts';
import type { EvaluationReport } from '../run/pipeline.ts';
import { sarifText } from './escape.ts';
import { type Finding, findingsOf } from './findings.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The rule of every format error: the request format, the loader's safety rules and the location rules. */
export const FORMAT_RULE = 'request-format';

export interface SarifOptions {
  /** Where the repository is browsed (https://github.com/owner/name); rule links are relative without it. */
  repositoryUrl?: string;
  /** The branch or commit the rule links point into (default: main). */
  ref?: string;
}

/** The page and section that explain a rule, relative to the repository root. */
function helpPath(finding: Finding): string {
  if (finding.source === 'format') return 'docs/request-format.md';
  return 'docs/policy-reference.md#deficiency-codes';
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  /** An absolute link when the repository is known (SARIF wants a URI); the page's path is in `help`. */
  helpUri?: string;
  help: { text: string };
  defaultConfiguration: { level: Finding['level'] };
  properties: { tags: string[] };
}

function ruleOf(finding: Finding, options: SarifOptions): SarifRule {
  const path = helpPath(finding);
  const helpUri = options.repositoryUrl
    ? `${options.repositoryUrl.replace(/\/+$/, '')}/blob/${options.ref ?? 'main'}/${path}`
    : undefined;
  const id = finding.code ?? FORMAT_RULE;
  return {
    id,
    shortDescription: {
      text:
        finding.source === 'format'
          ? 'The request does not match the request format'
          : `Policy finding ${id}`,
    },
    ...(finding.citation ? { fullDescription: { text: sarifText(finding.citation) } } : {}),
    ...(helpUri ? { helpUri } : {}),
    help: { text: `Explained in ${path} of the repository.` },
    defaultConfiguration: { level: finding.level },
    properties: { tags: [finding.source === 'format' ? 'request-format' : 'policy'] },
  };
}

/**
 * What identifies a finding across pushes, whatever line it moves to: the file, the rule and the field
 * (and, for a format error, its words, since one field can have several).
 */
function fingerprint(finding: Finding): string {
  const key = [finding.file, finding.code ?? FORMAT_RULE, finding.path, finding.code ? '' : finding.message];
  return createHash('sha256').update(key.join('\u0000')).digest('hex');
}

/** The log as JSON text. */
export function reportSarif(report: EvaluationReport, options: SarifOptions = {}): string {
  const rules = new Map<string, SarifRule>();
  // Notes are for the reviewers of a pull request, not alerts on a file: the comment carries them.
  const results = report.results.flatMap((result) =>
    findingsOf(result)
      .filter((finding) => finding.level !== 'note')
      .map((finding) => {
        const ruleId = finding.code ?? FORMAT_RULE;
        if (!rules.has(ruleId)) rules.set(ruleId, ruleOf(finding, options));
        const citation = finding.citation ? ` (${finding.citation})` : '';
        return {
          ruleId,
          level: finding.level,
          message: { text: sarifText(`${finding.message}${citation}`) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: finding.line, startColumn: finding.column },
              },
            },
          ],
          partialFingerprints: { primaryLocationLineHash: fingerprint(finding) },
          properties: {
            source: finding.source,
            path: finding.path,
            ...(finding.citation ? { citation: sarifText(finding.citation) } : {}),
          },
        };
      }),
  );
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'exemptions',
            version: productVersion(),
            ...(options.repositoryUrl ? { informationUri: options.repositoryUrl } : {}),
            rules: [...rules.values()].sort((a, b) => a.id.localeCompare(b.id)),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository' } } },
        // One category for every run, so that code scanning closes an alert once a push fixes it.
        automationDetails: { id: 'exemptions/' },
        properties: { policyDigest: report.policy.digest, evaluationDate: report.evaluationDate },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
