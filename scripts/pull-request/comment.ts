/**
 * Renders an evaluation as the one pull-request comment (and as the job summary): a summary table first,
 * then per file what is missing and where, with links to the exact line at the head commit. Every piece of
 * text that a request author could have influenced goes through the one Markdown escaper (`scripts/render/escape.ts`): no live @-mentions or
 * #-references, no raw HTML, no forged marker, no broken tables, no code fences.
 */

import { programNameOf } from '../core/clauses.ts';
import { GITHUB_FILE_LIST_LIMIT } from '../core/limits.ts';
import { termWords } from '../policy/decision.ts';
import { deficiencyHeading, fileOutcome, isAcceptable, outcomeWords } from '../policy/outcomes.ts';
import { markdownCode, markdownText } from '../render/escape.ts';
import { IMPACT_HEADING, impactMarkdown } from '../render/impact.ts';
import { nextStep } from '../render/next-step.ts';
import { type CodeKind, codeAnchor, POLICY_REFERENCE_PAGE } from '../render/reference.ts';
import { countText } from '../render/report.ts';
import type { EvaluationReport } from '../run/pipeline.ts';
import {
  type ArtifactDecision,
  type ArtifactResult,
  buildArtifact,
  type EvaluationArtifact,
  workflowFiles,
  workflowsApproved,
} from './artifact.ts';
import { isSafeRepoPath } from './changes.ts';
import type { ImpactSection } from './impact.ts';

/** The hidden marker that identifies the evaluation comment (together with the bot author). */
export const COMMENT_MARKER = '<!-- exemptions-evaluation -->';
const STATE_OPEN = '<!-- exemptions-state:v1 ';
const STATE_CLOSE = ' -->';
/** GitHub rejects comment bodies longer than this. */
export const MAX_COMMENT_LENGTH = 65_536;
/** GitHub's job summary limit is 1 MiB per step; stay well inside it. */
export const MAX_SUMMARY_LENGTH = 900_000;
/** The embedded state is dropped to outcomes only, then left out, rather than crowd out the findings. */
const MAX_STATE_LENGTH = 16_000;

/** An outcome as the comment shows it: its mark and words, or escaped text for a name it does not know. */
function outcomeLabel(outcome: string, max?: number): string {
  const words = outcomeWords(outcome);
  return words ? `${words.mark} ${words.words}` : markdownText(outcome, max);
}

const outcomeOf = fileOutcome;

export interface Verdict {
  passed: boolean;
  /** Why the check fails, in plain words; empty when it passes. */
  reasons: string[];
}

/** Whether the evaluation check passes: the one place the rule is written for the workflow and comment. */
export function verdict(artifact: EvaluationArtifact, noun = 'changed request'): Verdict {
  const reasons: string[] = [];
  const failing = artifact.results.filter((r) => !isAcceptable(r.decision?.outcome)).length;
  if (failing > 0) {
    reasons.push(
      `${failing} of ${artifact.results.length} ${noun}${artifact.results.length === 1 ? ' is' : 's are'} not ready for decision`,
    );
  }
  if (artifact.unevaluated_requests.length > 0) reasons.push('changed requests have no evaluation');
  if (artifact.integrity.tripped) reasons.push('requests change together with files that judge requests');
  if (artifact.misplaced_files.length > 0)
    reasons.push('files under requests/ are outside the request layout');
  if (artifact.unsafe_paths > 0) reasons.push('changed files have unsafe names');
  if (artifact.file_list_truncated)
    reasons.push(
      `GitHub lists only the first ${GITHUB_FILE_LIST_LIMIT.toLocaleString('en-US')} changed files`,
    );
  if (artifact.omitted_results > 0)
    reasons.push('too many requests in one pull request to evaluate them all');
  if (workflowFiles(artifact).length > 0 && !workflowsApproved(artifact))
    reasons.push('workflow files change without a code owner approving this commit');
  return { passed: reasons.length === 0, reasons };
}

/** What the comment remembers about each file, so the next evaluation can show what was resolved. */
export interface StateItem {
  /** `d` a deficiency (code and pointer), `e` a schema error (pointer and message). */
  k: 'd' | 'e';
  c?: string;
  p: string;
  m?: string;
}

export interface CommentState {
  files: Record<string, { outcome: string; items: StateItem[] }>;
}

function itemsOf(result: ArtifactResult): StateItem[] {
  const errors = result.errors.map((e): StateItem => ({ k: 'e', p: e.path, m: e.message.slice(0, 160) }));
  const deficiencies = [
    ...(result.decision?.deficiencies ?? []),
    ...(result.provisional?.deficiencies ?? []),
  ].map((d): StateItem => ({ k: 'd', c: d.code, p: d.path }));
  return [...errors, ...deficiencies];
}

const itemKey = (item: StateItem): string =>
  item.k === 'd' ? `d\u0000${item.c}\u0000${item.p}` : `e\u0000${item.p}\u0000${item.m}`;

export function commentState(artifact: EvaluationArtifact): CommentState {
  const files: CommentState['files'] = {};
  for (const r of artifact.results) files[r.file] = { outcome: outcomeOf(r), items: itemsOf(r) };
  return { files };
}

function encodeState(state: CommentState): string {
  const encode = (s: CommentState) =>
    `${STATE_OPEN}${Buffer.from(JSON.stringify(s), 'utf8').toString('base64')}${STATE_CLOSE}`;
  const full = encode(state);
  if (full.length <= MAX_STATE_LENGTH) return full;
  const outcomesOnly: CommentState = { files: {} };
  for (const [file, entry] of Object.entries(state.files))
    outcomesOnly.files[file] = { outcome: entry.outcome, items: [] };
  const reduced = encode(outcomesOnly);
  return reduced.length <= MAX_STATE_LENGTH ? reduced : '';
}

const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/**
 * The state embedded in a previous evaluation comment, or null. The body is read defensively: anything
 * malformed, oversized or of the wrong shape is ignored rather than trusted.
 */
export function parseCommentState(body: string | null | undefined): CommentState | null {
  if (typeof body !== 'string') return null;
  const start = body.lastIndexOf(STATE_OPEN);
  if (start < 0) return null;
  const end = body.indexOf(STATE_CLOSE, start + STATE_OPEN.length);
  const encoded = end < 0 ? '' : body.slice(start + STATE_OPEN.length, end);
  if (encoded.length === 0 || encoded.length > MAX_STATE_LENGTH * 2 || !/^[A-Za-z0-9+/=]+$/.test(encoded))
    return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || !('files' in raw)) return null;
  const files = (raw as { files: unknown }).files;
  if (!files || typeof files !== 'object' || Array.isArray(files)) return null;
  const state: CommentState = { files: {} };
  for (const [file, entry] of Object.entries(files as Record<string, unknown>)) {
    if (!isSafeRepoPath(file) || !entry || typeof entry !== 'object') continue;
    const { outcome, items } = entry as { outcome?: unknown; items?: unknown };
    if (!isString(outcome, 40) || !Array.isArray(items)) continue;
    const kept: StateItem[] = [];
    for (const item of items.slice(0, 500)) {
      if (!item || typeof item !== 'object') continue;
      const { k, c, p, m } = item as Record<string, unknown>;
      if (k === 'd' && isString(c, 64) && isString(p, 500)) kept.push({ k, c, p });
      else if (k === 'e' && isString(p, 500) && isString(m, 160)) kept.push({ k, p, m });
    }
    state.files[file] = { outcome, items: kept };
  }
  return state;
}

export interface LinkTarget {
  /** e.g. https://github.com */
  serverUrl: string;
  /** owner/name */
  repository: string;
}

/** A link target only when both parts are plainly what they claim to be; otherwise no links. */
export function linkTarget(
  serverUrl: string | undefined,
  repository: string | undefined,
): LinkTarget | undefined {
  if (!serverUrl || !repository) return undefined;
  const server = serverUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(server)) return undefined;
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) return undefined;
  return { serverUrl: server, repository };
}

export interface RenderOptions {
  /**
   * `comment` carries the marker and the state and fits GitHub's comment limit; `summary` neither;
   * `local` is the same letter for files checked on a person's machine (`check --format markdown`), with
   * no pull request behind it.
   */
  target: 'comment' | 'summary' | 'local';
  /** Where links to lines point; without it, lines are shown as `file:line`. */
  links?: LinkTarget | undefined;
  /** The state parsed from the previous evaluation comment. */
  previous?: CommentState | null | undefined;
  /** The evaluation run, whose job summary holds the full report when the comment must be shortened. */
  runUrl?: string | undefined;
  /** The request files come from the working tree, not a commit (the dry run). */
  workingTree?: boolean;
  maxLength?: number;
  /** What the pull request's change to the rules does to the requests on file (information only). */
  impact?: ImpactSection | null | undefined;
}

/** Changed requests the impact section lists; the rest are counted, and `exemptions impact` lists all. */
const MAX_IMPACT_ROWS = 50;

/**
 * The impact of a rule change, marked as information: the pull request's own run computed it (with the
 * base branch's scripts, over the head's git objects), and the gate is the trusted check, not this. The
 * trusted check's own comment runs none of the pull request's rules and believes nothing its run wrote, so
 * it carries only where that run lists the impact and how to compute it on one's own machine.
 */
function impactPart(section: ImpactSection): string {
  const gate =
    "> The required status `exemptions / trusted evaluation` does not depend on it; it judges with the base branch's code.";
  if ('elsewhere' in section) {
    const { runUrl, base, head } = section.elsewhere;
    const run = runUrl ? `[the summary of its own run](${runUrl})` : 'the summary of its own run';
    return [
      `### ${IMPACT_HEADING}`,
      '',
      '> [!NOTE]',
      `> **Information, not the gate.** This pull request changes the rules (\`policies/\`, \`schemas/\` or the reference data). Every request on file whose decision they would change is listed in ${run}; that run is the pull request's own, so this check has not verified its list.`,
      gate,
      '',
      'To list it on your own machine, from a clone that has both commits:',
      '',
      '```sh',
      `npx exemptions impact --base ${base} --head ${head}`,
      '```',
      '',
    ].join('\n');
  }
  const notice = [
    '> [!NOTE]',
    "> **Information, not the gate.** This pull request changes the rules, so its run judged every request on file with the base's rules and with the head's: the requests whose decision would change are below.",
    gate,
  ];
  if ('impact' in section)
    return impactMarkdown(section.impact, { level: 3, notice, maxChanged: MAX_IMPACT_ROWS });
  return [
    `### ${IMPACT_HEADING}`,
    '',
    ...notice,
    '',
    `The impact could not be computed: ${markdownText(section.error)}`,
    '',
  ].join('\n');
}

function lineLink(artifact: EvaluationArtifact, options: RenderOptions, file: string, line: number): string {
  const label = `${file}:${line}`;
  const links = options.links;
  if (!links || options.workingTree) return markdownCode(label);
  return `[${markdownCode(label)}](${links.serverUrl}/${links.repository}/blob/${artifact.pull_request.head_sha}/${file}#L${line})`;
}

function fileLink(artifact: EvaluationArtifact, options: RenderOptions, file: string): string {
  const links = options.links;
  if (!links || options.workingTree) return markdownCode(file);
  return `[${markdownCode(file)}](${links.serverUrl}/${links.repository}/blob/${artifact.pull_request.head_sha}/${file})`;
}

/** How long a letter line's next step may be: in full, or compact when the comment must be shortened. */
const NEXT_STEP_LENGTH = { full: 600, compact: 160 } as const;

/**
 * The letter's lines for one request, what its author and the approver read first: the outcome in
 * words, the program, who decides, and the one next step. `compact` is for a comment that must be
 * shortened: the file without its link, no approver (the program names them) and a shorter next step,
 * so that every request keeps its line.
 */
function letterLines(
  artifact: EvaluationArtifact,
  options: RenderOptions,
  r: ArtifactResult,
  compact: boolean,
): string {
  const judged = r.decision ?? r.provisional ?? null;
  const step = nextStep(r);
  const parts = [`**${outcomeLabel(outcomeOf(r))}**`];
  const program = programNameOf(r.file, (r.decision ?? r.provisional)?.program);
  if (program) parts.push(program);
  parts.push(compact ? markdownCode(r.file) : fileLink(artifact, options, r.file));
  // A ready request's next step names who decides; the others say it here.
  if (judged?.approver && !step.done && !compact)
    parts.push(`decided by the ${markdownText(judged.approver, 300)}`);
  const length = compact ? NEXT_STEP_LENGTH.compact : NEXT_STEP_LENGTH.full;
  return `- ${parts.join(' · ')}  \n  **Next:** ${markdownText(step.words, length)}`;
}

/**
 * Where the policy reference explains a code, at its row, at the base commit; null without links. The
 * artifact's codes are plain (`safeCode`), so they go into the link as they are.
 */
function referenceLink(
  artifact: EvaluationArtifact,
  options: RenderOptions,
  kind: CodeKind,
  code: string | null,
): string | null {
  const links = options.links;
  // A preview's base may be a commit GitHub has never seen.
  if (!links || options.workingTree || !code) return null;
  return `${links.serverUrl}/${links.repository}/blob/${artifact.pull_request.base_sha}/${POLICY_REFERENCE_PAGE}#${codeAnchor(kind, code)}`;
}

/** A clause in italics, linked to the policy reference when the links are known. */
function clauseText(citation: string, link: string | null): string {
  const text = markdownText(citation, 500);
  return link ? `_[${text}](${link})_` : `_${text}_`;
}

const CITED_CODE = /^(reason|ground|deficiency|note):([a-z0-9][a-z0-9-]{0,63})$/;

/**
 * The row a citation's subject names (`note:central-file`; `outcome` and `approver` stand for the
 * decision's own), or null for a subject the reference has no row for. The subject is read back from the
 * artifact, so only a plain code becomes part of a link.
 */
function citedCode(subject: string, d: ArtifactDecision): [CodeKind, string | null] | null {
  if (subject === 'outcome') return ['outcome', d.outcome];
  if (subject === 'approver') return ['approver', d.program];
  const match = CITED_CODE.exec(subject);
  return match ? [match[1] as CodeKind, match[2] ?? null] : null;
}

function resolvedItems(r: ArtifactResult, previous: CommentState | null | undefined): StateItem[] {
  const before = previous?.files[r.file];
  if (!before) return [];
  const now = new Set(itemsOf(r).map(itemKey));
  return before.items.filter((item) => !now.has(itemKey(item)));
}

function fileSection(
  artifact: EvaluationArtifact,
  options: RenderOptions,
  r: ArtifactResult,
  previous: CommentState | null | undefined,
): string {
  const outcome = outcomeOf(r);
  // Collapsed: the letter's lines above say what to do; the details say where and why.
  const count = r.errors.length + ((r.decision ?? r.provisional)?.deficiencies.length ?? 0);
  const findings = count > 0 ? ` (${countText(count, 'finding')})` : '';
  const lines = [
    `<details><summary>Details: ${outcomeLabel(outcome)} · ${markdownText(r.file, 300)}${findings}</summary>`,
    '',
  ];
  const before = previous?.files[r.file];
  if (before && before.outcome !== outcome) {
    lines.push(`Previously: ${outcomeLabel(before.outcome, 40)}.`, '');
  }
  const findingLine = (def: { code: string; path: string; message: string; citation: string }): string => {
    const position = r.positions[def.path];
    const where = position ? `${lineLink(artifact, options, r.file, position.line)} ` : '';
    const at = def.path ? ` at ${markdownCode(def.path)}` : '';
    return `- ${where}${markdownCode(def.code)}${at}: ${markdownText(def.message)} — ${clauseText(def.citation, referenceLink(artifact, options, 'deficiency', def.code))}`;
  };
  if (r.errors.length > 0) {
    lines.push(r.valid ? '**Problems with the file**' : '**The request does not match the request format**');
    for (const e of r.errors) {
      const where = e.path ? ` at ${markdownCode(e.path)}` : '';
      lines.push(`- ${lineLink(artifact, options, r.file, e.line)}${where}: ${markdownText(e.message)}`);
    }
    lines.push('');
  }
  const provisional = r.provisional?.deficiencies ?? [];
  if (!r.decision && provisional.length > 0) {
    lines.push(`**The policy also finds, in the parts that are well formed** (${provisional.length})`);
    for (const def of provisional) lines.push(findingLine(def));
    lines.push('');
  }
  const d = r.decision;
  if (d) {
    if (d.reasons.length > 0) lines.push(`**Why:** ${d.reasons.map(markdownCode).join(', ')}`, '');
    if (d.available_from)
      lines.push(`**Earliest purchase the ATO allows:** ${markdownCode(d.available_from)}`, '');
    if (d.term) lines.push(`**Term the exemption would cover:** ${markdownText(termWords(d.term))}`, '');
    if (d.grounds.length > 0) lines.push(`**Grounds shown:** ${d.grounds.map(markdownCode).join(', ')}`, '');
    if (d.deficiencies.length > 0) {
      lines.push(`**${deficiencyHeading(d.outcome)}** (${d.deficiencies.length})`);
      for (const def of d.deficiencies) lines.push(findingLine(def));
      lines.push('');
    }
    if (d.notes.length > 0) {
      lines.push('**Notes for reviewers**');
      for (const n of d.notes)
        lines.push(
          `- ${markdownText(n.message)} — ${clauseText(n.citation, referenceLink(artifact, options, 'note', n.code))}`,
        );
      lines.push('');
    }
    if (d.approver) lines.push(`**Approver:** ${markdownText(d.approver, 300)}`, '');
    if (d.citations.length > 0) {
      lines.push('<details><summary>Citations</summary>', '');
      for (const c of d.citations) {
        const code = citedCode(c.subject, d);
        lines.push(
          `- ${markdownText(c.subject, 200)}: ${clauseText(c.citation, code && referenceLink(artifact, options, ...code))}`,
        );
      }
      lines.push('', '</details>', '');
    }
  }
  if (r.omitted > 0) {
    lines.push(
      `_${r.omitted} more item(s) were left out of the evaluation artifact; run the evaluation locally for all._`,
      '',
    );
  }
  const resolved = resolvedItems(r, previous);
  if (resolved.length > 0) {
    lines.push(`**Resolved since the last evaluation** (${resolved.length})`);
    for (const item of resolved) {
      lines.push(
        item.k === 'd'
          ? `- ✔️ ~~${markdownCode(item.c ?? '')}${item.p ? ` at ${markdownCode(item.p)}` : ''}~~`
          : `- ✔️ ~~format error${item.p ? ` at ${markdownCode(item.p)}` : ''}: ${markdownText(item.m ?? '', 160)}~~`,
      );
    }
    lines.push('');
  }
  lines.push('</details>', '');
  return lines.join('\n');
}

function noticeLines(artifact: EvaluationArtifact, local: boolean): string[] {
  const lines: string[] = [];
  if (artifact.integrity.tripped) {
    const files = artifact.integrity.judging_files
      .map((f) => `${markdownCode(f.path)} (${f.group})`)
      .join(', ');
    lines.push(
      '> [!CAUTION]',
      '> **Integrity rule.** This pull request changes request files together with files that judge requests:',
      `> ${files || 'files with unsafe names'}.`,
      "> The requests were evaluated with the base branch's policy, schema, data and scripts, never with this",
      "> pull request's own. The check fails until the two changes are split into separate pull requests.",
      '',
    );
  }
  if (artifact.unevaluated_requests.length > 0) {
    lines.push(
      `**Changed request files with no evaluation in the result** (the check fails): ${artifact.unevaluated_requests.map(markdownCode).join(', ')}. The evaluation run did not report on them; push again to re-run it.`,
      '',
    );
  }
  if (artifact.misplaced_files.length > 0) {
    lines.push(
      `**Files under \`requests/\` outside the request layout** (the check fails): ${artifact.misplaced_files.map(markdownCode).join(', ')}. A request is \`requests/calnet/<id>.yaml\` or \`requests/cgen/<id>.yaml\`; its documents go in the folder \`requests/<program>/<id>/\`.`,
      '',
    );
  }
  if (artifact.unsafe_paths > 0) {
    lines.push(
      `**${artifact.unsafe_paths} changed file(s) have names with characters other than letters, digits, \`.\`, \`_\`, \`-\` and \`/\`**; they are not shown here and the check fails. Rename them.`,
      '',
    );
  }
  if (artifact.removed_requests.length > 0) {
    lines.push(
      `Removed request files (not evaluated): ${artifact.removed_requests.map(markdownCode).join(', ')}.`,
      '',
    );
  }
  if (artifact.file_list_truncated) {
    lines.push(
      `**GitHub lists only the first ${GITHUB_FILE_LIST_LIMIT.toLocaleString('en-US')} files of a pull request**, so what this one changes could not be checked against GitHub's list, and the check fails. Split it into smaller pull requests.`,
      '',
    );
  }
  if (artifact.omitted_results > 0) {
    lines.push(
      local
        ? `${artifact.omitted_results} more request file(s) are not shown: check fewer files at a time, or use the text or JSON format.`
        : `${artifact.omitted_results} more request file(s) were not evaluated: split the pull request.`,
      '',
    );
  }
  lines.push(...workflowNotice(artifact));
  return lines;
}

/** What a change to the workflows needs, and whether it has it yet. */
function workflowNotice(artifact: EvaluationArtifact): string[] {
  const files = workflowFiles(artifact);
  if (files.length === 0) return [];
  const approval = artifact.workflow_approval;
  const head = markdownCode(artifact.pull_request.head_sha.slice(0, 12));
  if (workflowsApproved(artifact) && approval) {
    return [
      `**Workflow change** (${files.map(markdownCode).join(', ')}): approved at ${head} by ${approval.approved_by.map((l) => markdownCode(`@${l}`)).join(', ')}, a code owner of these files.`,
      '',
    ];
  }
  const owners = approval?.owners.length
    ? approval.owners.map(markdownCode).join(', ')
    : 'the code owners named in CODEOWNERS';
  return [
    '> [!IMPORTANT]',
    `> **Workflow change.** This pull request changes ${files.map(markdownCode).join(', ')}, which decide what runs with this repository's tokens.`,
    `> The check fails until a code owner of those files (${owners}) approves commit ${head}; the author's own approval does not count.`,
    '> A new review runs the check again.',
    '',
  ];
}

function footer(artifact: EvaluationArtifact, options: RenderOptions): string {
  if (options.target === 'local') {
    return [
      '---',
      `<sub>Policy ${markdownCode(artifact.policy.digest)} · evaluated as of ${markdownCode(artifact.evaluation_date)}. ` +
        'The outcome is a recommendation under the policies; the exemption is granted only by the approver, by merging.</sub>',
    ].join('\n');
  }
  const head = options.workingTree
    ? 'working tree'
    : `head ${markdownCode(artifact.pull_request.head_sha.slice(0, 12))}`;
  const words = [
    `Policy ${markdownCode(artifact.policy.digest)} · base ${markdownCode(artifact.pull_request.base_sha.slice(0, 12))} · ${head} · evaluated as of ${markdownCode(artifact.evaluation_date)}.`,
    'The outcome is a recommendation under the policies; the exemption is granted only by the approver, by merging.',
    ...(options.target === 'comment' ? ['This comment is updated on every push.'] : []),
  ];
  return ['---', `<sub>${words.join(' ')}</sub>`].join('\n');
}

function shortenedNotice(options: RenderOptions, omittedFiles: number): string {
  const where = options.runUrl
    ? `the [job summary of the evaluation run](${options.runUrl})`
    : 'the output of `npx exemptions evaluate` on the changed files';
  return `> [!NOTE]\n> Details for ${omittedFiles} file(s) are left out to keep this comment within GitHub's size limit; see ${where} for the full report.\n`;
}

const OUT_OF_DATE_OPEN = '<!-- out-of-date -->';
const OUT_OF_DATE_CLOSE = '<!-- /out-of-date -->';

/**
 * A posted comment marked as describing an older commit, the moment a new push arrives; the new
 * evaluation then replaces the whole comment. Marking twice keeps one notice, naming the newest head.
 */
export function markOutOfDate(body: string, newHeadSha: string): string {
  const notice = [
    OUT_OF_DATE_OPEN,
    '> [!WARNING]',
    `> **Out of date.** Commit ${markdownCode(newHeadSha.slice(0, 12))} is being evaluated; until that finishes, what follows is the previous evaluation.`,
    OUT_OF_DATE_CLOSE,
    '',
  ].join('\n');
  const start = body.indexOf(OUT_OF_DATE_OPEN);
  const end = body.indexOf(OUT_OF_DATE_CLOSE);
  const without =
    start >= 0 && end > start ? body.slice(0, start) + body.slice(end + OUT_OF_DATE_CLOSE.length + 1) : body;
  const afterMarker = without.startsWith(`${COMMENT_MARKER}\n`) ? COMMENT_MARKER.length + 1 : 0;
  return `${without.slice(0, afterMarker)}${notice}${without.slice(afterMarker)}`;
}

/** The comment (or job summary) for one evaluation. */
export function renderComment(artifact: EvaluationArtifact, options: RenderOptions): string {
  const maxLength =
    options.maxLength ?? (options.target === 'comment' ? MAX_COMMENT_LENGTH : MAX_SUMMARY_LENGTH);
  const local = options.target === 'local';
  const result = verdict(artifact, local ? 'request' : 'changed request');
  const intro = [
    ...(options.target === 'comment' ? [COMMENT_MARKER] : []),
    '## Exemption request evaluation',
    '',
  ];
  if (artifact.results.length === 0 && result.passed) {
    intro.push('No request files change in this pull request.', '');
  } else if (result.passed) {
    intro.push(
      `✅ **The check passes:** every ${local ? '' : 'changed '}request is ready for decision or needs no exemption.`,
      '',
    );
  } else {
    intro.push(`❌ **The check fails:** ${result.reasons.join('; ')}.`, '');
  }
  if (local) {
    intro.push(
      "_Checked here with this checkout's policy; on a pull request, the base branch's policy judges._",
      '',
    );
  } else if (options.workingTree) {
    intro.push(
      '_Preview from the working tree with the policy built here; on the pull request the base branch judges._',
      '',
    );
  }
  const notices = noticeLines(artifact, local);
  const letter = (compact: boolean): string[] =>
    artifact.results.map((r) => letterLines(artifact, options, r, compact));
  const sections = artifact.results.map((r) => fileSection(artifact, options, r, options.previous));
  const impact = options.impact ? impactPart(options.impact) : null;
  const end = footer(artifact, options);
  const state = options.target === 'comment' ? encodeState(commentState(artifact)) : '';

  const assemble = (sectionCount: number, rows: string[], rowCount = rows.length): string => {
    const parts = [intro.join('\n')];
    if (rows.length > 0) {
      const shownRows = rows.slice(0, rowCount);
      if (rowCount < rows.length) shownRows.push(`- … and ${rows.length - rowCount} more file(s)`);
      parts.push([...shownRows, ''].join('\n'));
    }
    if (notices.length > 0) parts.push(notices.join('\n'));
    parts.push(...sections.slice(0, sectionCount));
    if (sectionCount < sections.length) parts.push(shortenedNotice(options, sections.length - sectionCount));
    if (impact) parts.push(impact);
    parts.push(end);
    if (state) parts.push(state);
    return `${parts.join('\n')}\n`;
  };

  // Shortening drops the details first (the last file's first), then makes the letter's lines compact,
  // and only then leaves lines out: the letter is what the comment is for.
  let rows = letter(false);
  let sectionCount = sections.length;
  let body = assemble(sectionCount, rows);
  while (body.length > maxLength && sectionCount > 0) body = assemble(--sectionCount, rows);
  if (body.length > maxLength) {
    rows = letter(true);
    body = assemble(0, rows);
  }
  let rowCount = rows.length;
  while (body.length > maxLength && rowCount > 0) body = assemble(0, rows, --rowCount);
  if (body.length > maxLength) {
    // Only notices can still be this long; keep the marker and the start, and say where the rest is.
    const cut = shortenedNotice(options, sections.length);
    body = `${body.slice(0, maxLength - cut.length - 2)}\n\n${cut}`;
  }
  return body;
}

/** A commit that names no commit: the local letter has no pull request, and shows no base or head. */
const NO_COMMIT = '0'.repeat(40);

/**
 * The letter for request files checked on a person's machine (`check --format markdown`): the comment's
 * own text, built through the same artifact, with no pull request behind it.
 */
export function localLetter(report: EvaluationReport): string {
  const artifact = buildArtifact({
    pullRequest: { number: 0, baseSha: NO_COMMIT, headSha: NO_COMMIT },
    report,
    integrity: { tripped: false, requestFiles: [], judgingFiles: [] },
    removedRequests: [],
    misplacedFiles: [],
    unsafePaths: 0,
  });
  return renderComment(artifact, { target: 'local', workingTree: true });
}
