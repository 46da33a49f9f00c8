/**
 * The request check of another commit: requests against the request schema of that commit (what the check
 * of that time applied, for the audit; each side's own, for `impact`). Problems are worded
 * by the same `describeErrors` as the pull-request check, from the descriptions of the schema applied.
 *
 * A historical schema is compiled here rather than by `compileRequestSchema` in `scripts/validate.ts`,
 * for two reasons: strict mode is off (a schema that compiled then must not be refused now because
 * today's Ajv is stricter), and every sibling schema of that commit is registered so `$ref`s between
 * them resolve. The dialect is otherwise the same: 2020-12, all errors, verbose errors for the
 * descriptions, cent-precise `multipleOf`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeErrors, SchemaDescriptions, type SchemaNode } from '../request/messages.ts';
import { newSchemaAjv, type SchemaCheck } from '../request/schema-check.ts';

export type { SchemaCheck };

/**
 * The request check of a past commit: `schemasDir` holds that commit's `schemas/` folder; every schema in
 * it is registered so that `$ref`s between them resolve, and `requestSchema` (relative to the repository
 * root, e.g. `schemas/request.schema.json`) is the one applied. Null when that commit had no such schema.
 */
export function compileHistoricalSchema(
  schemasDir: string,
  requestSchema: string,
  repoDirOfSchemas: string,
): SchemaCheck | null {
  let files: string[];
  try {
    files = readdirSync(schemasDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
  } catch {
    return null;
  }
  const ajv = newSchemaAjv();
  let target: SchemaNode | undefined;
  for (const file of files) {
    const path = join(schemasDir, file);
    const schema = JSON.parse(readFileSync(path, 'utf8')) as SchemaNode;
    const key = relative(repoDirOfSchemas, path).split('\\').join('/');
    if (key === requestSchema) target = schema;
    // A schema without $id is registered under its path, so that it can still be found.
    if (typeof schema.$id === 'string') ajv.addSchema(schema);
    else ajv.addSchema(schema, key);
  }
  if (!target) return null;
  const validate = ajv.getSchema(typeof target.$id === 'string' ? target.$id : requestSchema);
  if (!validate) return null;
  const descriptions = new SchemaDescriptions(target);
  return (value) => (validate(value) ? [] : describeErrors(validate.errors ?? [], descriptions));
}
