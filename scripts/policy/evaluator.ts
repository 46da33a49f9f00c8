/**
 * Evaluates requests with the compiled policy: the wasm is instantiated once and the reference data set
 * once, then any number of inputs are evaluated against it. The evaluation date is part of the input.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';

/**
 * The SDK is CommonJS, and Node's ESM import does not see `loadPolicySync` among its exports. It is
 * required when a policy is first loaded from its files, so the page (which loads the SDK itself and
 * hands over the instance, `fromLoaded`) imports this module without Node's require.
 */
const sdk = (): typeof import('@open-policy-agent/opa-wasm') =>
  createRequire(import.meta.url)(
    '@open-policy-agent/opa-wasm',
  ) as typeof import('@open-policy-agent/opa-wasm');

import { UserError } from '../core/errors.ts';
import { compiledPolicyDir } from '../core/paths.ts';
import type { IsoDate } from '../request/types.ts';
import { CitationCatalog, citeDecision, type PolicyDecision } from './citations.ts';
import type { PolicyManifest } from './compile.ts';
import {
  DECISION_ENTRYPOINT,
  type Decision,
  type ExemptionRecord,
  type PolicyContext,
  type PolicyInput,
} from './decision.ts';

export class PolicyNotBuiltError extends UserError {}

export class PolicyEvaluator {
  private constructor(
    private readonly policy: LoadedPolicy,
    readonly manifest: PolicyManifest,
    private readonly citations: CitationCatalog,
  ) {}

  get digest(): string {
    return this.manifest.digest;
  }

  /** Instantiates a built policy (wasm, data, manifest) once; the data is set here and never again. */
  static async fromBuild(
    wasm: Uint8Array,
    dataJson: string,
    manifest: PolicyManifest,
  ): Promise<PolicyEvaluator> {
    // The synchronous load: the asynchronous one asks whether the wasm is a fetch Response, and touching
    // Response loads Node's whole fetch implementation (some 20 ms of every start).
    return PolicyEvaluator.fromLoaded(sdk().loadPolicySync(wasm), dataJson, manifest);
  }

  /**
   * An instance of the compiled policy loaded by the caller (the page loads it with the SDK's own
   * asynchronous loader); the reference data is set here and never again.
   */
  static fromLoaded(policy: LoadedPolicy, dataJson: string, manifest: PolicyManifest): PolicyEvaluator {
    const data = new TextEncoder().encode(dataJson);
    policy.setData(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
    return new PolicyEvaluator(policy, manifest, CitationCatalog.ofPolicyData(JSON.parse(dataJson)));
  }

  /** Loads the policy that `npm run build:policy` wrote. */
  static async load(buildDir: string = compiledPolicyDir): Promise<PolicyEvaluator> {
    let manifest: PolicyManifest;
    try {
      manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as PolicyManifest;
    } catch {
      throw new PolicyNotBuiltError(`no compiled policy in ${buildDir}: run npm run build:policy first`);
    }
    const wasm = readFileSync(join(buildDir, 'policy.wasm'));
    const dataJson = readFileSync(join(buildDir, 'data.json'), 'utf8');
    return PolicyEvaluator.fromBuild(wasm, dataJson, manifest);
  }

  /**
   * The decision for one request as of `evaluationDate`, with the record of granted exemptions when the
   * caller has one (a renewal is then checked against it).
   */
  evaluate(request: unknown, evaluationDate: IsoDate, record?: ExemptionRecord): Decision {
    const context: PolicyContext = record
      ? { evaluation_date: evaluationDate, exemptions: record }
      : { evaluation_date: evaluationDate };
    const input: PolicyInput = { request, context };
    const resultSet = this.policy.evaluate(input, DECISION_ENTRYPOINT) as { result?: unknown }[] | undefined;
    const first = resultSet?.[0];
    if (!first || first.result === undefined) {
      throw new Error('the policy returned no decision (is the decision rule total?)');
    }
    return citeDecision(first.result as PolicyDecision, this.citations);
  }
}

/** Today's date in UTC as YYYY-MM-DD: the default evaluation date, read here and never in the policy. */
export function todayUtc(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}
