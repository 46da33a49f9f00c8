/**
 * CODEOWNERS as GitHub reads it: gitignore-style patterns, the last matching pattern wins, owners are
 * `@user`, `@org/team` or an email address, a line with no owners leaves its paths without owner, and a
 * line GitHub cannot read (negation `!`, character ranges `[ ]`, a malformed owner) is skipped.
 */
import picomatch from 'picomatch';

/** Where GitHub looks for CODEOWNERS, in the order it looks: the first one present is the one in force. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export interface CodeownersRule {
  line: number;
  pattern: string;
  owners: string[];
  matches: (path: string) => boolean;
}

export interface CodeownersProblem {
  line: number;
  message: string;
}

export interface Codeowners {
  rules: CodeownersRule[];
  problems: CodeownersProblem[];
}

export interface OwnerMatch {
  /** The line of the rule that decided (the last one matching), or null when no rule matched. */
  line: number | null;
  pattern: string | null;
  owners: string[];
}

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM = /^@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isOwnerToken(token: string): boolean {
  return USER.test(token) || TEAM.test(token) || EMAIL.test(token);
}

/** Splits a line on unescaped whitespace, dropping an unescaped `#` comment; `\ ` and `\#` are kept literal. */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let pending = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (ch === '\\' && i + 1 < line.length) {
      current += line.charAt(++i);
      pending = true;
    } else if (ch === '#' && !pending) {
      break;
    } else if (/\s/.test(ch)) {
      if (pending) tokens.push(current);
      current = '';
      pending = false;
    } else {
      current += ch;
      pending = true;
    }
  }
  if (pending) tokens.push(current);
  return tokens;
}

/** A matcher for one CODEOWNERS pattern, with gitignore's anchoring and GitHub's documented exceptions. */
export function patternMatcher(pattern: string): (path: string) => boolean {
  // A slash at the start or in the middle anchors the pattern at the repository root (gitignore).
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  let body = pattern.replace(/^\/+/, '');
  const directoryOnly = body.endsWith('/');
  if (directoryOnly) body = body.replace(/\/+$/, '');
  const base = anchored ? body : `**/${body}`;
  const lastSegment = body.split('/').pop();
  // A pattern that names a directory owns everything under it; GitHub documents that `docs/*` owns only
  // the files directly in docs/, so a trailing `*` segment does not reach into subdirectories.
  const globs = directoryOnly ? [`${base}/**`] : lastSegment === '*' ? [base] : [base, `${base}/**`];
  return picomatch(globs, {
    dot: true,
    nobrace: true,
    noextglob: true,
    nonegate: true,
    nobracket: true,
  });
}

export function parseCodeowners(text: string): Codeowners {
  const rules: CodeownersRule[] = [];
  const problems: CodeownersProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const tokens = tokenize(raw);
    const [pattern, ...owners] = tokens;
    if (pattern === undefined) return;
    if (pattern.startsWith('!')) {
      problems.push({
        line,
        message: `negated pattern "${pattern}" is not supported by GitHub; line skipped`,
      });
      return;
    }
    if (/[[\]]/.test(pattern)) {
      problems.push({
        line,
        message: `character range in "${pattern}" is not supported by GitHub; line skipped`,
      });
      return;
    }
    const bad = owners.filter((owner) => !isOwnerToken(owner));
    if (bad.length > 0) {
      problems.push({
        line,
        message: `not an owner (@user, @org/team or email): ${bad.join(', ')}; line skipped`,
      });
      return;
    }
    rules.push({ line, pattern, owners, matches: patternMatcher(pattern) });
  });
  return { rules, problems };
}

/** The owners of a path: those of the last rule whose pattern matches it (GitHub's precedence). */
export function ownersOf(codeowners: Codeowners, path: string): OwnerMatch {
  for (let i = codeowners.rules.length - 1; i >= 0; i--) {
    const rule = codeowners.rules[i];
    if (rule?.matches(path)) return { line: rule.line, pattern: rule.pattern, owners: rule.owners };
  }
  return { line: null, pattern: null, owners: [] };
}
