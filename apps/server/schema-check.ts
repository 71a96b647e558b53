// Compile-time only: fails the build when sandbox/result.ts and the RunResult schema drift apart.
// (Kept out of schemas.ts so the browser build, which reads schemas.ts for types, never loads the sandbox.)
import type { RunResult as SandboxRunResult } from '../../sandbox/index.js';
import type { RunResult } from './schemas.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type RunResultMatchesSandbox = Assert<Same<RunResult, SandboxRunResult>>;
