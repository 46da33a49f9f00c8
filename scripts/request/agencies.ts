/**
 * The agency registry (`policies/reference/agencies.json`) as `new` shows it to a person choosing their
 * agency: code, name, status, and what the status means in the registry schema's own words. The policy
 * reads the same file (compiled into its data); nothing here decides anything.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policiesDir, schemasDir } from '../core/paths.ts';

export interface RegisteredAgency {
  code: string;
  name: string;
  status: string;
  /** The registry schema's description of the status. */
  meaning: string;
  /** A local agency's signed ATO agreements (zero for every other status). */
  atoAgreements: number;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/** Each status's description, from the `$defs` of the registry schema whose `status` is that constant. */
function statusMeanings(): Map<string, string> {
  const schema = JSON.parse(
    readFileSync(join(schemasDir, 'reference', 'agencies.schema.json'), 'utf8'),
  ) as Json;
  const meanings = new Map<string, string>();
  for (const definition of Object.values(object(schema.$defs) ?? {})) {
    const status = object(object(object(definition)?.properties)?.status)?.const;
    const description = object(definition)?.description;
    if (typeof status === 'string' && typeof description === 'string') meanings.set(status, description);
  }
  return meanings;
}

/** Every agency of the registry, by code. */
export function agencyRegistry(): RegisteredAgency[] {
  const registry = JSON.parse(readFileSync(join(policiesDir, 'reference', 'agencies.json'), 'utf8')) as Json;
  const meanings = statusMeanings();
  return Object.entries(object(registry.agencies) ?? {})
    .map(([code, value]) => {
      const agency = object(value) ?? {};
      const status = String(agency.status ?? '');
      const agreements = agency.ato_agreements;
      return {
        code,
        name: String(agency.name ?? code),
        status,
        meaning: meanings.get(status) ?? '',
        atoAgreements: Array.isArray(agreements) ? agreements.length : 0,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}
