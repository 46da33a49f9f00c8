/**
 * The agency registry (`policies/reference/agencies.json`) as `new` shows it to a person choosing their
 * agency: code, name, status, and what the status means in the registry schema's own words. The policy
 * reads the same file (compiled into its data); nothing here decides anything.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policiesDir, schemasDir } from '../core/paths.ts';

/** An Authorization To Order a local agency has signed, as the registry lists it. */
export interface AtoAgreement {
  services: string[];
  startDate: string;
}

export interface RegisteredAgency {
  code: string;
  name: string;
  status: string;
  /** The registry schema's description of the status. */
  meaning: string;
  /** The registry's further word on the status: an exempt agency's category, an outside entity's branch. */
  category?: string;
  /** The agency's ATO agreements; null for a status the registry gives none (only local agencies sign one). */
  atoAgreements: AtoAgreement[] | null;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** What the registry schema says of each status: its description, and whether it has ATO agreements. */
interface StatusRule {
  meaning: string;
  signsAto: boolean;
}

/** Each status's rule, from the `$defs` of the registry schema whose `status` is that constant. */
function statusRules(): Map<string, StatusRule> {
  const schema = JSON.parse(
    readFileSync(join(schemasDir, 'reference', 'agencies.schema.json'), 'utf8'),
  ) as Json;
  const rules = new Map<string, StatusRule>();
  for (const definition of Object.values(object(schema.$defs) ?? {})) {
    const properties = object(object(definition)?.properties);
    const status = object(properties?.status)?.const;
    const description = object(definition)?.description;
    if (typeof status === 'string' && typeof description === 'string') {
      rules.set(status, { meaning: description, signsAto: properties?.ato_agreements !== undefined });
    }
  }
  return rules;
}

function atoAgreements(value: unknown): AtoAgreement[] {
  return (Array.isArray(value) ? value : []).flatMap((entry) => {
    const agreement = object(entry);
    const startDate = agreement?.start_date;
    return typeof startDate === 'string' ? [{ services: strings(agreement?.services), startDate }] : [];
  });
}

/** Every agency of the registry, by code. */
export function agencyRegistry(): RegisteredAgency[] {
  const registry = JSON.parse(readFileSync(join(policiesDir, 'reference', 'agencies.json'), 'utf8')) as Json;
  const rules = statusRules();
  return Object.entries(object(registry.agencies) ?? {})
    .map(([code, value]) => {
      const agency = object(value) ?? {};
      const status = String(agency.status ?? '');
      const rule = rules.get(status);
      const category = agency.exempt_category ?? agency.branch;
      return {
        code,
        name: String(agency.name ?? code),
        status,
        meaning: rule?.meaning ?? '',
        ...(typeof category === 'string' ? { category } : {}),
        atoAgreements: rule?.signsAto ? atoAgreements(agency.ato_agreements) : null,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}
