/**
 * The one escaper for each place user text goes: GitHub Markdown (comments, job summaries, the audit
 * register and issue), a terminal, a GitHub Actions workflow command, a spreadsheet cell, a SARIF message,
 * an HTML page (the register site). Text a user
 * wrote (request values, file names, git identities) passes through the escaper of its destination at the
 * moment it is written there, and nowhere else.
 */

/**
 * Invisible formatting characters: bidi embeddings, overrides and isolates (which reorder what a reader
 * sees), zero-width characters and the byte-order mark. No destination shows them as they are.
 */
const INVISIBLE_CHARACTER = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const INVISIBLE_FORMAT = new RegExp(INVISIBLE_CHARACTER.source, 'g');

/** Longest user text kept in one Markdown line; more is cut with an ellipsis. */
const MAX_TEXT = 1000;
/** Zero-width space, as an entity so the golden files show it: breaks mentions and references. */
const BREAK = '&#8203;';

/**
 * Makes user text inert inside one line of Markdown, including a table cell.
 * - Line breaks, control characters and invisible formatting (bidi overrides) become spaces or vanish.
 * - `&`, `<`, `>` become entities: no raw HTML, no HTML comments (so no forged marker), and text such as
 *   `&#64;x` shows literally instead of decoding to `@x`.
 * - Markdown punctuation is backslash-escaped: no links, images, emphasis, code spans, fences or math
 *   (`$`), and `|` cannot end a table cell.
 * - `@`, `#<digit>`, `GH-<digit>`, `://`, `www.` and runs of 7 to 40 hex characters get a zero-width
 *   space: no mentions, no issue references or cross-links, no autolinked URLs or commit SHAs.
 */
export function markdownText(text: string, max: number = MAX_TEXT): string {
  let s = String(text)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(INVISIBLE_FORMAT, '')
    .trim();
  s = cut(s, max);
  // Breaks are marked with NUL (control characters are gone by now) and written out last, so the
  // entity's own "#8203" is not mistaken for a reference.
  const escaped = s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~$]/g, '\\$&');
  return (
    breakReferences(escaped, '\u0000')
      // GitHub links a run of 7 to 40 hex characters to the commit it names: break it every six.
      .replace(/\b[0-9a-f]{7,}\b/gi, (m) => m.replace(/(.{6})(?=.)/g, '$1\u0000'))
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the break marker set above
      .replace(/\u0000/g, BREAK)
  );
}

/**
 * `mark` after each `@` and inside each `#<digit>`, `GH-<digit>`, `://` and `www.`: where GitHub would
 * start a mention, an issue reference or an autolinked URL, a break placed there stops it.
 */
function breakReferences(text: string, mark: string): string {
  return text
    .replace(/@/g, `@${mark}`)
    .replace(/#(?=\d)/g, `#${mark}`)
    .replace(/\b(gh)-(?=\d)/gi, `$1-${mark}`)
    .replace(/:\/\//g, `:${mark}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${mark}.`);
}

/** At most `max` UTF-16 units, cut at a character (never inside a surrogate pair) and ended with an ellipsis. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A code, pointer or digest as a code span when it is plain, else escaped as text (a code span cannot be escaped). */
export function markdownCode(value: string): string {
  return /^[A-Za-z0-9_./:-]{1,200}$/.test(value) ? `\`${value}\`` : markdownText(value, 200);
}

/** Whether a character code is a control character (C0, DEL, C1), a Unicode line separator, or invisible formatting (INVISIBLE_FORMAT). */
export function isControlCode(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    INVISIBLE_CHARACTER.test(String.fromCharCode(code))
  );
}

/** Text safe to print on one terminal line: control characters (newlines, escapes) shown as \u escapes. */
export function terminalText(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += isControlCode(code) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }
  return out;
}

/**
 * The message part of a GitHub Actions workflow command (`::error ...::message`), escaped the way the
 * runner decodes it: a message cannot end the command early or start a new command on a new line.
 */
export function workflowCommandData(value: string): string {
  const encoded = value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  // What the runner would pass to the log raw (escapes, bells, bidi controls) is shown escaped instead.
  return terminalText(encoded);
}

/** A workflow command property value (`file=`, `title=`): also `:` and `,`, which delimit properties. */
export function workflowCommandProperty(value: string): string {
  return workflowCommandData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * A CSV field: control characters and invisible formatting shown as \u escapes (a cell never reorders
 * its text or breaks its record), a leading =, +, - or @ prefixed with an apostrophe so spreadsheets keep
 * it text, and RFC 4180 quoting.
 */
export function csvField(value: string): string {
  const visible = terminalText(value);
  const safe = /^[=+\-@]/.test(visible) ? `'${visible}` : visible;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Longest user text kept in one SARIF message; more is cut with an ellipsis. */
const MAX_SARIF_TEXT = 2000;
/** Zero-width space: invisible in plain text, and it breaks a mention or an autolinked URL. */
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * The plain text of a SARIF message (`message.text`, which code scanning shows as the alert's text and
 * which SARIF defines as plain text, not Markdown):
 * - control characters and invisible formatting (line breaks, escapes, bidi overrides) shown as \u
 *   escapes, so a message is one line that reads as it is;
 * - `\`, `[` and `]` backslash-escaped, because SARIF reads `[text](target)` in a message as an embedded
 *   link (SARIF 2.1.0, 3.11.6): text a user wrote links nowhere;
 * - a zero-width space after `@` and inside `#<digit>`, `GH-<digit>`, `://` and `www.`, so that no viewer
 *   that linkifies plain text makes a mention, an issue reference or a link of it;
 * - at most `max` characters.
 */
export function sarifText(text: string, max: number = MAX_SARIF_TEXT): string {
  const visible = cut(terminalText(String(text)), max);
  return breakReferences(visible.replace(/[\\[\]]/g, '\\$&'), ZERO_WIDTH_SPACE);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text inside an HTML element, or inside a quoted attribute value (either quote): `&`, `<`, `>`, `"` and
 * `'` become entities, so no markup, no entity a user typed decodes, and no attribute ends early; control
 * characters (line breaks too) become spaces and invisible formatting (bidi overrides) vanishes, so a
 * cell reads as it is. Never for a URL attribute, a `<script>` or a `<style>`: the register site writes
 * user text only into elements and plain attributes.
 */
export function htmlText(text: string): string {
  return (
    String(text)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(INVISIBLE_FORMAT, '')
      .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c)
  );
}
