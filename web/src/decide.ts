/**
 * The decision in the page, by the project's own modules: the request text is loaded with the loader's
 * safety rules, checked against the request schema through its committed standalone validator and
 * against the location rules (document paths only: the documents are uploaded after the request), and
 * decided with the compiled policy and its reference data, so the page's answer is the check's answer.
 */

import validate from 'virtual:request-validator';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import catalog from '../../policies/reference/clauses.json' with { type: 'json' };
import schema from '../../schemas/request.schema.json' with { type: 'json' };
import { type ClauseCatalog, provideClauseCatalog } from '../../scripts/core/clauses.ts';
import type { PolicyManifest } from '../../scripts/policy/compile.ts';
import { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { loadRequestBytes } from '../../scripts/request/load.ts';
import type { SchemaNode } from '../../scripts/request/messages.ts';
import type { IsoDate } from '../../scripts/request/types.ts';
import { checkerOf, checkLoadedRequest } from '../../scripts/request/validate.ts';
import { type FileResult, fileResult } from '../../scripts/run/pipeline.ts';

provideClauseCatalog(catalog as ClauseCatalog);

export const requestSchema = schema as SchemaNode;
const checker = checkerOf(validate, requestSchema);

export interface PageDecider {
  digest: string;
  /** The result the check gives for `text` as the file `path`, decided on `date` (no record of grants). */
  decide(text: string, path: string, date: IsoDate): FileResult;
}

/** Loads the compiled policy the site carries (its own files, beside the page) and returns the decider. */
export async function loadDecider(base: URL): Promise<PageDecider> {
  const fetchOwn = async (name: string): Promise<Response> => {
    const response = await fetch(new URL(name, base));
    if (!response.ok) throw new Error(`the page could not load its own file ${name} (${response.status})`);
    return response;
  };
  const [wasm, dataJson, manifest] = await Promise.all([
    fetchOwn('policy/policy.wasm').then((r) => r.arrayBuffer()),
    fetchOwn('policy/data.json').then((r) => r.text()),
    fetchOwn('policy/manifest.json').then((r) => r.json() as Promise<PolicyManifest>),
  ]);
  const evaluator = PolicyEvaluator.fromLoaded(await loadPolicy(wasm), dataJson, manifest);
  return {
    digest: evaluator.digest,
    decide(text, path, date) {
      // As bytes, so the size and encoding rules of a file hold for typed and pasted text too.
      const loaded = loadRequestBytes(path, new TextEncoder().encode(text));
      const checked = checkLoadedRequest(loaded, path, path, {
        problems: checker.problems,
        documents: 'paths',
      });
      return fileResult(checked, (request) => evaluator.evaluate(request, date));
    },
  };
}
