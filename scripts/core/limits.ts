/**
 * The size limits on what users send, each written once: far above any real request, far below harm.
 * The loader, the pull-request export and the artifact reader all enforce them from here.
 */

/** The largest request file accepted, in bytes (1 MiB). */
export const MAX_FILE_BYTES = 1_048_576;
/**
 * The largest supporting document accepted, in bytes (20 MiB): a quote, an IPR or an FSR is far smaller;
 * anything bigger belongs in the agency's own file, cited by title.
 */
export const MAX_DOCUMENT_BYTES = 20 * 1_048_576;
/** The deepest nesting of mappings and lists accepted in a request. Format 1 needs 4; the rest is headroom. */
export const MAX_DEPTH = 16;
/** At most this many load errors are listed for one file; hostile files can produce thousands. */
export const MAX_LOAD_ERRORS = 50;
/** At most this many schema and location problems are listed for one file; the last line counts the rest. */
export const MAX_ERRORS_PER_FILE = 200;
/** The evaluation artifact a pull request's run hands on (a few requests make a few kilobytes). */
export const ARTIFACT_MAX_BYTES = 1_048_576;
/** GitHub lists at most this many files of a pull request (`pulls.listFiles`); beyond it the list is cut. */
export const GITHUB_FILE_LIST_LIMIT = 3000;
