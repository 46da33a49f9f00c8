/**
 * GitHub's own description of its REST API and webhooks, read from the pinned dev dependencies
 * `@octokit/openapi` and `@octokit/webhooks-schemas`: which routes exist, with which parameters, request
 * bodies and statuses, and the schema of every response body and event payload. The stand-in answers
 * through this module, so a route, a field or a status that GitHub does not declare is a recorded
 * violation rather than a silent agreement between the stand-in and the code it tests.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openapiSchemaToJsonSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { sample } from 'openapi-sampler';

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
}

export interface Operation {
  id: string;
  method: string;
  /** The path template as the description writes it, `/repos/{owner}/{repo}/pulls/{pull_number}`. */
  template: string;
  segments: string[];
  parameters: Parameter[];
  /** The JSON request body schema, when the operation takes one. */
  body: Json | undefined;
  /** Declared statuses, each with its JSON body schema or null when the response has no JSON body. */
  responses: Map<string, Json | null>;
}

export interface RouteMatch {
  operation: Operation;
  pathParameters: Record<string, string>;
}

const require = createRequire(import.meta.url);
const DESCRIPTION_ID = 'github-rest';
const WEBHOOKS_ID = 'github-webhooks';

/**
 * Statuses GitHub may send on any route whether or not the route declares them: bad credentials, the
 * primary and secondary rate limits (403 or 429 with rate-limit headers), and server errors. GitHub's
 * REST documentation describes these for every endpoint ("Troubleshooting the REST API", "Rate limits").
 */
function anyRouteStatus(status: number, headers: Record<string, string>): boolean {
  if (status === 401 || status >= 500) return true;
  if (status === 403 || status === 429)
    return 'retry-after' in headers || headers['x-ratelimit-remaining'] === '0';
  return false;
}

function readJson(specifier: string): Json {
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as Json;
}

/** OpenAPI 3.0 schema (with `nullable`) to JSON Schema, its references pointed at the loaded description. */
function toJsonSchema(schema: Json): Json {
  const converted = openapiSchemaToJsonSchema(schema as never, { supportPatternProperties: true }) as Json;
  delete converted.$schema;
  return JSON.parse(
    JSON.stringify(converted).replaceAll('"#/components/', `"${DESCRIPTION_ID}#/components/`),
  );
}

class Description {
  readonly document: Json;
  readonly webhooks: Json;
  readonly operations: Operation[] = [];
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly samples = new Map<string, unknown>();

  constructor() {
    this.document = readJson('@octokit/openapi/generated/api.github.com.json');
    formatsPlugin.default(this.ajv);
    const components = this.document.components as Json;
    const schemas = Object.fromEntries(
      Object.entries(components.schemas as Record<string, Json>).map(([name, schema]) => [
        name,
        toJsonSchema(schema),
      ]),
    );
    this.ajv.addSchema({ $id: DESCRIPTION_ID, components: { schemas } });
    this.webhooks = readJson('@octokit/webhooks-schemas/schema.json');
    const { $schema: _draft, ...webhooks } = this.webhooks;
    this.ajv.addSchema({ ...webhooks, $id: WEBHOOKS_ID });
    for (const [template, item] of Object.entries(this.document.paths as Record<string, Json>)) {
      for (const [method, raw] of Object.entries(item)) {
        const op = raw as Json;
        if (typeof op.operationId !== 'string') continue;
        this.operations.push(this.operation(method.toUpperCase(), template, op));
      }
    }
  }

  private resolve(node: Json): Json {
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    let target: unknown = this.document;
    for (const part of ref.replace(/^#\//, '').split('/')) target = (target as Json)[part];
    return target as Json;
  }

  private operation(method: string, template: string, op: Json): Operation {
    const parameters = ((op.parameters as Json[] | undefined) ?? []).map(
      (p) => this.resolve(p) as unknown as Parameter,
    );
    const requestBody = op.requestBody ? this.resolve(op.requestBody as Json) : undefined;
    const bodySchema = (requestBody?.content as Json | undefined)?.['application/json'] as Json | undefined;
    const responses = new Map<string, Json | null>();
    for (const [status, raw] of Object.entries(op.responses as Record<string, Json>)) {
      const content = this.resolve(raw).content as Json | undefined;
      const json = (content?.['application/json'] ?? content?.['application/scim+json']) as Json | undefined;
      responses.set(status, json?.schema ? (json.schema as Json) : null);
    }
    return {
      id: String(op.operationId),
      method,
      template,
      segments: template.split('/'),
      parameters,
      body: bodySchema?.schema as Json | undefined,
      responses,
    };
  }

  validator(key: string, schema: () => Json): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema());
      this.validators.set(key, validate);
    }
    return validate;
  }

  component(name: string): ValidateFunction {
    const validate = this.ajv.getSchema(`${DESCRIPTION_ID}#/components/schemas/${name}`);
    if (!validate) throw new Error(`GitHub's description has no schema named ${name}`);
    return validate;
  }

  webhook(definition: string): ValidateFunction {
    const validate = this.ajv.getSchema(`${WEBHOOKS_ID}#/definitions/${definition}`);
    if (!validate) throw new Error(`GitHub's webhook schemas have no definition ${definition}`);
    return validate;
  }

  sampleOf(name: string): unknown {
    if (!this.samples.has(name)) {
      const schema = (this.document.components as { schemas: Record<string, Json> }).schemas[name];
      if (!schema) throw new Error(`GitHub's description has no schema named ${name}`);
      const value = sample(schema as never, { skipNonRequired: true }, this.document as never);
      this.samples.set(name, withoutInventedKeys(value));
    }
    return structuredClone(this.samples.get(name));
  }
}

let loaded: Description | undefined;
function description(): Description {
  loaded ??= new Description();
  return loaded;
}

function errorsOf(validate: ValidateFunction, limit = 5): string {
  return (validate.errors ?? [])
    .slice(0, limit)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
    .join('; ');
}

/** The operation GitHub declares for this method and path, preferring literal segments over parameters. */
export function routeOf(method: string, path: string): RouteMatch | undefined {
  const segments = path.split('/');
  let best: (RouteMatch & { parameters: number }) | undefined;
  for (const operation of description().operations) {
    if (operation.method !== method || operation.segments.length !== segments.length) continue;
    const pathParameters: Record<string, string> = {};
    const matches = operation.segments.every((part, i) => {
      const actual = segments[i] ?? '';
      const parameter = /^\{(.+)\}$/.exec(part);
      if (!parameter) return part === actual;
      if (actual === '') return false;
      pathParameters[parameter[1] ?? ''] = decodeURIComponent(actual);
      return true;
    });
    const count = Object.keys(pathParameters).length;
    if (matches && (!best || count < best.parameters))
      best = { operation, pathParameters, parameters: count };
  }
  return best && { operation: best.operation, pathParameters: best.pathParameters };
}

/** Every operation GitHub declares, for the contract test. */
export function operations(): readonly Operation[] {
  return description().operations;
}

function coerce(value: string, schema: Json | undefined): unknown {
  const type = schema?.type;
  if (type === 'integer' || type === 'number') return value.trim() === '' ? value : Number(value);
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** What is wrong with a request for the route: undeclared or invalid parameters, an invalid body. */
export function requestViolations(match: RouteMatch, query: URLSearchParams, body: unknown): string[] {
  const { operation, pathParameters } = match;
  const found: string[] = [];
  const where = `${operation.method} ${operation.template}`;
  const check = (parameter: Parameter, value: string) => {
    const validate = description().validator(`${operation.id}:${parameter.in}:${parameter.name}`, () =>
      toJsonSchema(parameter.schema ?? {}),
    );
    if (!validate(coerce(value, parameter.schema)))
      found.push(`${where}: ${parameter.in} parameter ${parameter.name}=${value}: ${errorsOf(validate)}`);
  };
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') check(parameter, pathParameters[parameter.name] ?? '');
    if (parameter.in !== 'query') continue;
    const value = query.get(parameter.name);
    if (value === null) {
      if (parameter.required) found.push(`${where}: required query parameter ${parameter.name} missing`);
    } else check(parameter, value);
  }
  for (const name of new Set(query.keys())) {
    if (!operation.parameters.some((p) => p.in === 'query' && p.name === name))
      found.push(`${where}: GitHub declares no query parameter ${name}`);
  }
  if (operation.body) {
    const schema = operation.body;
    const validate = description().validator(`${operation.id}:body`, () => toJsonSchema(schema));
    if (!validate(body)) found.push(`${where}: request body: ${errorsOf(validate)}`);
  }
  return found;
}

/** What is wrong with a response: a status the route does not declare, or a body its schema rejects. */
export function responseViolations(
  operation: Operation,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): string[] {
  const where = `${operation.method} ${operation.template} ${status}`;
  const declared = operation.responses.has(String(status))
    ? operation.responses.get(String(status))
    : operation.responses.get('default');
  if (declared === undefined) {
    if (!anyRouteStatus(status, headers))
      return [`${where}: GitHub does not declare this status for the route`];
    const validate = description().component('basic-error');
    return validate(body) ? [] : [`${where}: error body: ${errorsOf(validate)}`];
  }
  if (declared === null)
    return body === undefined || status >= 400 ? [] : [`${where}: GitHub sends no JSON body`];
  if (body === undefined) return [`${where}: GitHub sends a JSON body here`];
  const validate = description().validator(`${operation.id}:${status}`, () => toJsonSchema(declared));
  return validate(body) ? [] : [`${where}: body: ${errorsOf(validate)}`];
}

/** Whether a value is what GitHub's description says a component (`pull-request`, `issue`...) is. */
export function componentViolations(name: string, value: unknown): string[] {
  const validate = description().component(name);
  return validate(value) ? [] : [`${name}: ${errorsOf(validate)}`];
}

/**
 * A minimal value of a component schema (only its required properties, sampled from the description),
 * for the stand-in to fill in with what it holds.
 */
export function sampleOf(name: string): Json {
  return description().sampleOf(name) as Json;
}

/** The top-level properties a component declares, so the stand-in never sends fields GitHub does not. */
export function declaredProperties(name: string): Set<string> {
  const schemas = (description().document.components as { schemas: Record<string, Json> }).schemas;
  return new Set(Object.keys((schemas[name]?.properties as Json | undefined) ?? {}));
}

/** What is wrong with a webhook payload, checked against `@octokit/webhooks-schemas` (`workflow_run$completed`). */
export function webhookViolations(definition: string, payload: unknown): string[] {
  const validate = description().webhook(definition);
  return validate(payload) ? [] : [`${definition}: ${errorsOf(validate)}`];
}

/** A minimal payload of a webhook event, sampled from its schema, for tests to fill in. */
export function webhookSample<T = Json>(definition: string): T {
  const webhooks = description().webhooks;
  const payload = sample(
    (webhooks.definitions as Record<string, Json>)[definition] as never,
    { skipNonRequired: true },
    webhooks as never,
  );
  return withoutInventedKeys(payload) as T;
}

/** The sampler fills open maps with `property1` and `property2`; GitHub sends no such keys. */
function withoutInventedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutInventedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'property1' && key !== 'property2')
      .map(([key, inner]) => [key, withoutInventedKeys(inner)]),
  );
}

/**
 * Whether `path` (`workflow_run.head_repository.owner.login`) is always present in the event's payload:
 * each step a required, non-null property of the schema.
 */
export function webhookPathRequired(definition: string, path: string): boolean {
  const definitions = description().webhooks.definitions as Record<string, Json>;
  const deref = (node: Json): Json[] => {
    if (typeof node.$ref === 'string') return deref(definitions[node.$ref.split('/').pop() ?? ''] ?? {});
    if (Array.isArray(node.allOf)) return (node.allOf as Json[]).flatMap(deref);
    return [node];
  };
  let nodes = deref(definitions[definition] ?? {});
  for (const step of path.split('.')) {
    const required = nodes.some((n) => Array.isArray(n.required) && (n.required as string[]).includes(step));
    const next = nodes.flatMap((n) => {
      const property = (n.properties as Record<string, Json> | undefined)?.[step];
      return property ? deref(property) : [];
    });
    // allOf narrows: the step can be null only when every part of it allows null.
    const nullable = next.every(
      (n) =>
        n.type === 'null' ||
        (Array.isArray(n.type) && n.type.includes('null')) ||
        Array.isArray(n.oneOf) ||
        Array.isArray(n.anyOf),
    );
    if (!required || next.length === 0 || nullable) return false;
    nodes = next;
  }
  return true;
}
