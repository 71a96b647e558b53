// What apps may use of the sandbox. Heavy parts (TypeScript, isolated-vm) load only in the
// runner host process that RunPool starts.
export { RunPool, BusyError, type RunPoolOptions } from './host/pool.js';
export type { RunRequest } from './run/run.js';
export type { IsolationMode } from './jail/candidate.js';
export { detectCapabilities, type Capabilities, type Layer } from './jail/capabilities.js';
export { loadKata, KataError, type Kata, type KataMeta, type WrongSolution, type Difficulty } from './kata/kata.js';
export { loadCatalog, defaultKatasDir, type Catalog } from './kata/catalog.js';
export { defaultLimits, limitProblems, type Limits } from './limits.js';
export type * from './result.js';
export { TypeChecker } from './compile/typecheck.js';
