/**
 * The Node flags the bank runs with wherever it is started as a program: `npm run bank` (package.json
 * spells them out; test/simulator/node-flags.test.ts holds the two together), the test suites' and
 * the benchmarks' banks.
 *
 * `--experimental-async-context-frame`: AsyncLocalStorage (oidc-provider's request context, the
 * pages' bank identity) carried by V8's continuation data instead of async_hooks' promise hooks,
 * which otherwise run for every promise any request makes — the API's calls included, though they
 * never read that storage: 15–20 % of the bank's CPU per API call (bench:bank, issue 24). It is
 * Node 24's default; Node 22 (this project's) has it behind the flag.
 *
 * The desktop app's built-in bank (main/local-bank.ts) starts without it: Electron runs it as Node
 * with its own build of Node, which may not know the flag, and one user's bank needs no throughput.
 */
export const BANK_NODE_FLAGS: readonly string[] = ['--experimental-async-context-frame'];
