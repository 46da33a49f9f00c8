/**
 * Renders the impact of a change to the rules (`scripts/run/impact.ts`): text for a terminal, Markdown for
 * a pull request's comment or a job summary, JSON for tools (described by `schemas/impact.schema.json`).
 * Every request value, file name and revision a person typed passes through its destination's escaper.
 */
import { PROGRAM_NAMES } from '../core/clauses.ts';
import { type FileOutcome, outcomeWords } from '../policy/outcomes.ts';
import type { Impact, ImpactFinding, RequestImpact } from '../run/impact.ts';
import { markdownCode, markdownText, terminalText } from './escape.ts';
import { countText } from './report.ts';

export type ImpactFormat = 'text' | 'json' | 'markdown';

/** The heading of the impact in Markdown, on a page of its own or as a section of the evaluation. */
export const IMPACT_HEADING = 'Impact of the rule change on the requests on file';

/** "1 request changes, 3 unchanged, 1 could not be judged". */
function countsText(impact: Impact): string {
  const changed = `${countText(impact.changed.length, 'request')} ${impact.changed.length === 1 ? 'changes' : 'change'}`;
  const unreadable = impact.unreadable.length > 0 ? `, ${impact.unreadable.length} could not be judged` : '';
  return `${changed}, ${impact.unchanged.length} unchanged${unreadable}`;
}

/** Where the policies judged with came from, in words. */
const ORIGIN_WORDS: Readonly<Record<Impact['policyOrigin'], string>> = {
  sources: "compiled from each commit's policies/",
  committed: "each commit's committed bundle in compiled/policy/",
};

/** Whether a side was asked for by its commit id (as the pull-request run does): then the id alone names it. */
function namesCommit(side: Impact['base']): boolean {
  return /^[0-9a-f]{7,64}$/i.test(side.ref) && side.commit.startsWith(side.ref.toLowerCase());
}

/** Unchanged requests named in text and Markdown; the JSON names them all. */
const MAX_UNCHANGED_NAMED = 20;

// ---------------------------------------------------------------------------------------------- text

function findingText(finding: ImpactFinding): string[] {
  const at = finding.path !== null && finding.path !== '' ? ` at ${terminalText(finding.path)}` : '';
  const message = finding.message === null ? '' : `: ${terminalText(finding.message)}`;
  // A code is the policy's, and the head's policy is the change under review: escaped like any text.
  const name = finding.code === null ? finding.kind : `${finding.kind} ${terminalText(finding.code)}`;
  const lines = [`    ${name}${at}${message}`];
  if (finding.clause !== null) lines.push(`      ${terminalText(finding.clause)}`);
  return lines;
}

function requestText(change: RequestImpact): string[] {
  const about = [change.id, change.program ? PROGRAM_NAMES[change.program] : null].filter(
    (part): part is string => part !== null,
  );
  const lines = [
    `${terminalText(change.file)}${about.length > 0 ? ` (${about.map(terminalText).join(', ')})` : ''}`,
    // The head's policy names the outcome after: text like any other until the vocabulary knows it.
    `  ${terminalText(change.before)} -> ${terminalText(change.after)}`,
  ];
  if (change.appeared.length > 0) lines.push('  appeared:', ...change.appeared.flatMap(findingText));
  if (change.wentAway.length > 0) lines.push('  went away:', ...change.wentAway.flatMap(findingText));
  return lines;
}

export function impactText(impact: Impact): string {
  const side = (s: Impact['base']) =>
    namesCommit(s) ? s.commit.slice(0, 12) : `${terminalText(s.ref)} (${s.commit.slice(0, 12)})`;
  const lines = [
    `Impact of the rules at ${side(impact.head)} on the requests there, against ${side(impact.base)}, as of ${impact.evaluationDate}`,
    '',
  ];
  for (const change of impact.changed) lines.push(...requestText(change), '');
  if (impact.unchanged.length > 0) {
    lines.push('unchanged:');
    for (const u of impact.unchanged.slice(0, MAX_UNCHANGED_NAMED))
      lines.push(
        `  ${terminalText(u.file)}${u.id ? ` (${terminalText(u.id)})` : ''}: ${terminalText(u.outcome)}`,
      );
    const more = impact.unchanged.length - MAX_UNCHANGED_NAMED;
    if (more > 0) lines.push(`  … and ${more} more`);
    lines.push('');
  }
  if (impact.unreadable.length > 0) {
    lines.push('could not be judged:');
    for (const u of impact.unreadable) lines.push(`  ${terminalText(u.file)}: ${terminalText(u.message)}`);
    lines.push('');
  }
  lines.push(countsText(impact));
  lines.push(
    `policy before ${impact.base.policyDigest}, after ${impact.head.policyDigest} (${ORIGIN_WORDS[impact.policyOrigin]})`,
  );
  return `${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------------------------------ Markdown

function outcomeMarkdown(outcome: FileOutcome): string {
  const words = outcomeWords(outcome);
  return words ? `${words.mark} ${words.words}` : markdownText(outcome);
}

function findingMarkdown(finding: ImpactFinding): string {
  const name = finding.code === null ? finding.kind : `${finding.kind} ${markdownCode(finding.code)}`;
  const at = finding.path !== null && finding.path !== '' ? ` at ${markdownCode(finding.path)}` : '';
  const message = finding.message === null ? '' : `: ${markdownText(finding.message)}`;
  const clause = finding.clause === null ? '' : ` (${markdownText(finding.clause)})`;
  return `${name}${at}${message}${clause}`;
}

function findingsCell(findings: readonly ImpactFinding[]): string {
  return findings.length === 0 ? '' : findings.map(findingMarkdown).join('<br>');
}

export interface ImpactMarkdownOptions {
  /** The heading's level: 2 for a page of its own, deeper inside a comment. */
  level?: number;
  /** Lines placed right under the heading (the comment says there what the section is not). */
  notice?: readonly string[];
  /** At most this many changed (and unreadable) requests listed (default: all); the counts say how many. */
  maxChanged?: number;
}

export function impactMarkdown(impact: Impact, options: ImpactMarkdownOptions = {}): string {
  const hashes = '#'.repeat(options.level ?? 2);
  const side = (s: Impact['base']) => {
    const commit = markdownCode(s.commit.slice(0, 12));
    return namesCommit(s) ? commit : `${markdownText(s.ref, 200)} (${commit})`;
  };
  const lines = [
    `${hashes} ${IMPACT_HEADING}`,
    '',
    ...(options.notice && options.notice.length > 0 ? [...options.notice, ''] : []),
    `The rules at ${side(impact.head)} against those at ${side(impact.base)}, every request of the head judged by both as of ${markdownCode(impact.evaluationDate)}: ${countsText(impact)}.`,
    '',
  ];
  if (impact.changed.length > 0) {
    lines.push('| request | outcome | appeared | went away |', '| --- | --- | --- | --- |');
    const shown = impact.changed.slice(0, options.maxChanged ?? impact.changed.length);
    for (const c of shown) {
      const about = [
        ...(c.id ? [markdownText(c.id, 200)] : []),
        ...(c.program ? [PROGRAM_NAMES[c.program]] : []),
      ];
      const request = `${markdownCode(c.file)}${about.length > 0 ? ` (${about.join(', ')})` : ''}`;
      const outcome = `${outcomeMarkdown(c.before)} → ${outcomeMarkdown(c.after)}`;
      lines.push(`| ${request} | ${outcome} | ${findingsCell(c.appeared)} | ${findingsCell(c.wentAway)} |`);
    }
    lines.push('');
    const more = impact.changed.length - shown.length;
    if (more > 0) {
      lines.push(
        `… and ${countText(more, 'more request')}: \`npx exemptions impact --base ${impact.base.commit} --head ${impact.head.commit}\` lists them all.`,
        '',
      );
    }
  }
  if (impact.unchanged.length > 0) {
    lines.push('<details><summary>Unchanged</summary>', '');
    for (const u of impact.unchanged.slice(0, MAX_UNCHANGED_NAMED)) {
      const id = u.id ? ` (${markdownText(u.id, 200)})` : '';
      lines.push(`- ${markdownCode(u.file)}${id}: ${outcomeMarkdown(u.outcome)}`);
    }
    const more = impact.unchanged.length - MAX_UNCHANGED_NAMED;
    if (more > 0) lines.push(`- … and ${more} more`);
    lines.push('', '</details>', '');
  }
  if (impact.unreadable.length > 0) {
    lines.push('**Could not be judged**', '');
    const shown = impact.unreadable.slice(0, options.maxChanged ?? impact.unreadable.length);
    for (const u of shown) lines.push(`- ${markdownCode(u.file)}: ${markdownText(u.message)}`);
    if (shown.length < impact.unreadable.length)
      lines.push(`- … and ${impact.unreadable.length - shown.length} more`);
    lines.push('');
  }
  lines.push(
    `<sub>Policy before ${markdownCode(impact.base.policyDigest)} · after ${markdownCode(impact.head.policyDigest)} · ${ORIGIN_WORDS[impact.policyOrigin]}.</sub>`,
  );
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------- JSON

/** The JSON document `schemas/impact.schema.json` describes. */
export function impactDocument(impact: Impact) {
  const sideJson = (s: Impact['base']) => ({ ref: s.ref, commit: s.commit, policy_digest: s.policyDigest });
  return {
    format: 1,
    base: sideJson(impact.base),
    head: sideJson(impact.head),
    evaluation_date: impact.evaluationDate,
    policy_origin: impact.policyOrigin,
    counts: {
      changed: impact.changed.length,
      unchanged: impact.unchanged.length,
      unreadable: impact.unreadable.length,
    },
    changed: impact.changed.map((c) => ({
      file: c.file,
      id: c.id,
      program: c.program,
      before: c.before,
      after: c.after,
      appeared: c.appeared,
      went_away: c.wentAway,
    })),
    unchanged: impact.unchanged,
    unreadable: impact.unreadable.map((u) => ({ file: u.file, message: u.message })),
  };
}

export function impactJson(impact: Impact): string {
  return `${JSON.stringify(impactDocument(impact), null, 2)}\n`;
}

export function renderImpact(impact: Impact, format: ImpactFormat): string {
  if (format === 'json') return impactJson(impact);
  if (format === 'markdown') return impactMarkdown(impact);
  return impactText(impact);
}
