/**
 * An evaluation run as one SARIF 2.1.0 log, for GitHub code scanning and editors: every finding of every
 * file (`findingsOf`) as a result at its line and column with its level, one rule per code that appears
 * with where the repository explains it, and the policy digest and evaluation date on the run. Message
 * text a user may have influenced reaches the log only through `sarifText`; the result properties carry
 * the finding's own data (its JSON Pointer, its citation) as JSON values.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Log, ReportingDescriptor, Result } from 'sarif';
import { productVersion } from '../core/version.ts';
import type { EvaluationReport } from '../run/pipeline.ts';
import { sarifText } from './escape.ts';
import { type Finding, findingsOf } from './findings.ts';
import { codeAnchor, POLICY_REFERENCE_PAGE, REQUEST_FORMAT_PAGE } from './reference.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The rule of every format error and warning: the request format, the loader's safety rules, the location rules. */
export const FORMAT_RULE = 'request-format';
/** The base every result's file is relative to: the repository root, wherever the log is read. */
export const SOURCE_ROOT = '%SRCROOT%';

export interface SarifOptions {
  /**
   * Where the repository is browsed (https://github.com/owner/name). SARIF wants absolute URIs for the
   * rules' help and the tool's information, so without it the log names the pages in its help text only.
   */
  repositoryUrl?: string;
  /** The branch or commit the help links point into (default: main). */
  ref?: string;
  /**
   * The folder the report's file names are relative to (the run's working folder) and the repository
   * root, both absolute, when they differ; by default the names are taken as relative to the root.
   */
  paths?: { cwd: string; root: string };
}

/** What a finding is to the reader of an alert: a format error, a policy deficiency, or a note. */
type RuleKind = 'format' | 'deficiency' | 'note';

function kindOf(finding: Finding): RuleKind {
  if (finding.source === 'format') return 'format';
  // findingsOf gives the level `note` to the decision's notes and only to them.
  return finding.level === 'note' ? 'note' : 'deficiency';
}

const RULE_WORDS: Record<RuleKind, { short: (id: string) => string; full: string }> = {
  format: {
    short: () => 'The request does not follow the request format',
    full:
      'The request format (the schema, the safe subset of YAML and where request files go): ' +
      'each result says what to write at its place.',
  },
  deficiency: {
    short: (id) => `Policy deficiency ${id}`,
    full:
      'What the policy finds missing, inconsistent or binding in a request: each result says what it ' +
      'found and the clause of the policy text it rests on.',
  },
  note: {
    short: (id) => `Policy note ${id}`,
    full: 'What still applies, for the reviewers and the agency; a note never blocks a request.',
  },
};

/** The page and anchor that explain a rule, relative to the repository root. */
function helpPath(kind: RuleKind, id: string): string {
  return kind === 'format' ? REQUEST_FORMAT_PAGE : `${POLICY_REFERENCE_PAGE}#${codeAnchor(kind, id)}`;
}

/** The repository's address without a trailing slash, or undefined when it is not known. */
function repositoryBase(options: SarifOptions): string | undefined {
  if (!options.repositoryUrl) return undefined;
  const base = new URL(options.repositoryUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new Error(`the repository URL must be http(s): ${options.repositoryUrl}`);
  return base.href.replace(/\/+$/, '');
}

/** An absolute link to a page of the repository at `ref`, or undefined when the repository is not known. */
function repositoryLink(path: string, options: SarifOptions): string | undefined {
  const base = repositoryBase(options);
  if (!base) return undefined;
  const ref = (options.ref ?? 'main').split('/').map(encodeURIComponent).join('/');
  return `${base}/blob/${ref}/${path}`;
}

function ruleOf(kind: RuleKind, id: string, options: SarifOptions): ReportingDescriptor {
  const path = helpPath(kind, id);
  const helpUri = repositoryLink(path, options);
  const words = RULE_WORDS[kind];
  return {
    id,
    shortDescription: { text: words.short(id) },
    fullDescription: { text: words.full },
    ...(helpUri ? { helpUri } : {}),
    help: {
      text: `Explained in the repository's ${path}.`,
      ...(helpUri ? { markdown: `Explained in the repository's [${path}](${helpUri}).` } : {}),
    },
    defaultConfiguration: { level: kind === 'note' ? 'note' : 'error' },
    properties: { tags: kind === 'format' ? ['request-format'] : ['policy', kind] },
  };
}

/**
 * Where a file is for the log: relative to the repository root under SOURCE_ROOT, each segment
 * percent-encoded (a `#` or `%` in a name is not a fragment or an escape); a file outside the root is
 * named by its absolute file URI.
 */
function artifactLocation(file: string, options: SarifOptions): ArtifactLocation {
  const { paths } = options;
  const fromRoot = paths ? relative(paths.root, resolve(paths.cwd, file)) : file;
  if (isAbsolute(fromRoot) || fromRoot === '..' || fromRoot.startsWith(`..${sep}`))
    return { uri: pathToFileURL(resolve(paths?.cwd ?? '', file)).href };
  const segments = fromRoot.split(sep === '\\' ? /[\\/]/ : '/');
  return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

/**
 * What identifies a finding across pushes, whatever line it moves to: the file, the rule, the field, and
 * its place among the findings of that rule on that field (one field can break the format twice). Not
 * the message, which quotes what the author wrote and changes with the product's wording.
 */
function fingerprint(uri: string, ruleId: string, path: string, ordinal: number): string {
  return createHash('sha256')
    .update([uri, ruleId, path, String(ordinal)].join('\u0000'))
    .digest('hex');
}

/** The log as JSON text. */
export function reportSarif(report: EvaluationReport, options: SarifOptions = {}): string {
  const rules = new Map<string, ReportingDescriptor>();
  const results: Result[] = [];
  for (const fileResult of report.results) {
    const seen = new Map<string, number>();
    for (const finding of findingsOf(fileResult)) {
      const kind = kindOf(finding);
      const ruleId = finding.code ?? FORMAT_RULE;
      if (!rules.has(ruleId)) rules.set(ruleId, ruleOf(kind, ruleId, options));
      const location = artifactLocation(finding.file, options);
      const key = `${ruleId}\u0000${finding.path}`;
      const ordinal = seen.get(key) ?? 0;
      seen.set(key, ordinal + 1);
      const citation = finding.citation ? ` (${finding.citation})` : '';
      results.push({
        ruleId,
        level: finding.level,
        message: { text: sarifText(`${finding.message}${citation}`) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: { startLine: finding.line, startColumn: finding.column },
            },
          },
        ],
        // GitHub combines this with the file and the rule; it computes one from the line's text only
        // when the log has none, and that one would change with every edit of the line.
        partialFingerprints: {
          primaryLocationLineHash: fingerprint(location.uri ?? '', ruleId, finding.path, ordinal),
        },
        properties: {
          source: finding.source,
          path: finding.path,
          ...(finding.citation ? { citation: finding.citation } : {}),
        },
      });
    }
  }
  const informationUri = repositoryBase(options);
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'exemptions',
            version: productVersion(),
            ...(informationUri ? { informationUri } : {}),
            rules: [...rules.values()].sort((a, b) => a.id.localeCompare(b.id)),
          },
        },
        // One category for every run, so that code scanning closes an alert once a push fixes it.
        automationDetails: { id: 'exemptions/' },
        originalUriBaseIds: { [SOURCE_ROOT]: { description: { text: 'The root of the repository' } } },
        // Columns count UTF-16 code units, as the loader's positions do.
        columnKind: 'utf16CodeUnits',
        properties: { policyDigest: report.policy.digest, evaluationDate: report.evaluationDate },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
