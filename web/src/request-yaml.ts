/**
 * The request as the YAML file the check reads. Written in YAML 1.1's quoting, so a value that a YAML
 * 1.1 reader (PyYAML, conftest) would take for a boolean, number or date is quoted and reads as the same
 * text everywhere; no anchors or aliases (the loader refuses them).
 */
import { stringify } from 'yaml';
import { SECTION_ORDER } from './form-schema.ts';

/** The first line `new` writes too: editors find the schema from the file's place in requests/<program>/. */
const SCHEMA_LINE = '# yaml-language-server: $schema=../../schemas/request.schema.json';

/** The request's sections in the policy's order (the form's), then anything else as it came. */
function inSectionOrder(request: unknown): unknown {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return request;
  const rank = (key: string) => {
    const at = (SECTION_ORDER as readonly string[]).indexOf(key);
    return at < 0 ? SECTION_ORDER.length : at;
  };
  return Object.fromEntries(Object.entries(request).sort(([a], [b]) => rank(a) - rank(b)));
}

export function requestYaml(request: unknown): string {
  const body = stringify(inSectionOrder(request) ?? {}, {
    version: '1.1',
    aliasDuplicateObjects: false,
    lineWidth: 100,
  });
  return `${SCHEMA_LINE}\n${body}`;
}
