// What the page's build puts in place of each export of a Node built-in that a page does not have
// (node:fs, node:module, node:crypto, node:url): a function that fails when called, so a code path that
// would read a file in the page fails loudly instead of answering something else. The modules the page
// runs reach these only on paths the page never takes (reading a request from disk).
export function unavailable(name) {
  return function unavailableInThePage() {
    throw new Error(`Node's ${name} is not available in the page`);
  };
}
