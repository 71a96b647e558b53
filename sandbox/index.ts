// What apps may use of the sandbox. Heavy parts (isolated-vm, TypeScript) load only in the
// runner host process that RunPool starts, and in the type checker's own process.
export { RunPool, type RunPoolOptions } from './host/pool.js';
export { BusyError, UnknownKataError, type Runner, type RunJob, type RequestJob, type ProbeListener, type BundleSource } from './runner.js';
export type { IsolationMode } from './jail/candidate.js';
export { detectCapabilities, type Capabilities, type Layer } from './jail/capabilities.js';
export { loadKata, KataError, type Kata, type KataMeta, type WrongSolution, type Difficulty } from './kata/kata.js';
export { bundleOf, ledgerProblem, type KataBundle } from './kata/bundle.js';
export { loadCatalog, defaultKatasDir, installedBundles, type Catalog, type Track } from './kata/catalog.js';
export { defaultLimits, limitProblems, type Limits } from './limits.js';
export * from './result.js';
export { TypeChecker } from './compile/typecheck.js';
export { platformError, requestPlatformError } from './run/error-result.js';
export { requestProblem } from './request/check.js';
