/**
 * The repository's paths as the page sees them: it has no files, so each path is a name under `/` that
 * nothing reads (the page hands the clause catalog, the schema and the policy over as data). The page's
 * build puts this module where `scripts/core/paths.ts` is imported, which finds the repository on disk
 * as it loads; every name that module exports is here.
 */
export const repoRoot = '/';
export const policiesDir = '/policies';
export const compiledPolicyDir = '/compiled/policy';
export const schemasDir = '/schemas';
export const compiledSchemaDir = '/compiled/schema';
export const examplesRoot = '/examples/requests';
