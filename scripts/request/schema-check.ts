/**
 * A JSON Schema check worded like the request check: 2020-12, all errors, verbose errors for the
 * descriptions, cent-precise `multipleOf`, strict mode off (a schema that compiled once must not be refused
 * because today's Ajv is stricter). Used for the approver identities and, by the audit, for the request
 * schemas of past commits.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { describeErrors, SchemaDescriptions, type SchemaNode, type SchemaProblem } from './messages.ts';

export type SchemaCheck = (value: unknown) => SchemaProblem[];

export function newSchemaAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true, multipleOfPrecision: 4 });
  formatsPlugin.default(ajv);
  return ajv;
}

export function compileSchema(schema: SchemaNode): SchemaCheck {
  const validate = newSchemaAjv().compile(schema);
  const descriptions = new SchemaDescriptions(schema);
  return (value) => (validate(value) ? [] : describeErrors(validate.errors ?? [], descriptions));
}
