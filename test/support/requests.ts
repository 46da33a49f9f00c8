/** Shared by the request-format suites: where fixtures and examples are, and scratch folders. */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/core/paths.ts';

export const examples = join(repoRoot, 'examples/requests');
export const fixtures = join(repoRoot, 'test/support/fixtures/requests');

/** Every request-like YAML file under a folder, as full paths, sorted. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(dir, name))
    .sort();
}

/** The validator library's own error wording, which agency staff must never see. */
export const AJV_WORDING =
  /must have required property|must NOT have|must match (pattern|format|"then"|"else")|must be equal to (one of|constant)|must be [<>]=? \d|must be (string|integer|number|boolean|object|array)\b/;

/** A complete, valid example request as a plain value (deep copy on each call). */
export function exampleRequest(program: 'calnet' | 'cgen', id: string): Record<string, unknown> {
  return parse(readFileSync(join(examples, program, `${id}.yaml`), 'utf8')) as Record<string, unknown>;
}

/** A scratch folder removed by the returned function. */
export function scratchFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Copies an example request with its supporting documents into `<root>/requests/<program>/`, the
 * layout the location rules expect, and returns the copied file's path.
 */
export function copyExample(root: string, program: 'calnet' | 'cgen', id: string): string {
  const target = join(root, 'requests', program);
  mkdirSync(target, { recursive: true });
  cpSync(join(examples, program, `${id}.yaml`), join(target, `${id}.yaml`));
  cpSync(join(examples, program, id), join(target, id), { recursive: true });
  return join(target, `${id}.yaml`);
}
