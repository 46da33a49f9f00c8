/**
 * The request as the YAML file the check reads. Written in YAML 1.1's quoting, so a value that a YAML
 * 1.1 reader (PyYAML, conftest) would take for a boolean, number or date is quoted and reads as the same
 * text everywhere; no anchors or aliases (the loader refuses them).
 */
import { stringify } from 'yaml';

/** The first line `new` writes too: editors find the schema from the file's place in requests/<program>/. */
const SCHEMA_LINE = '# yaml-language-server: $schema=../../schemas/request.schema.json';

export function requestYaml(request: unknown): string {
  const body = stringify(request ?? {}, { version: '1.1', aliasDuplicateObjects: false, lineWidth: 100 });
  return `${SCHEMA_LINE}\n${body}`;
}
