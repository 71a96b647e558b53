// isolated-vm comes in two builds: 6.x ships binaries for Node 22 and 24, 5.0.4 (installed under
// the alias isolated-vm-node20) compiles on Node 20. Use whichever loads; without one, probes
// cannot run safely, so fail closed with a message that says what to do.
import { createRequire } from 'node:module';

// The part of isolated-vm's API Katabox uses, declared here so the code compiles whichever
// build is installed.
export interface IvmReference {
  apply(receiver: undefined, args: unknown[], options?: { arguments?: { copy?: boolean }; result?: { promise?: boolean; copy?: boolean }; timeout?: number }): Promise<unknown>;
  release(): void;
}
export interface IvmContext {
  global: { deleteSync(key: string): void; getSync(key: string, options: { reference: true }): IvmReference };
  evalClosure(code: string, args: unknown[], options?: { arguments?: { copy?: boolean }; result?: { promise?: boolean; copy?: boolean }; timeout?: number }): Promise<unknown>;
  release(): void;
}
export interface IvmIsolate {
  createContext(): Promise<IvmContext>;
  dispose(): void;
  readonly isDisposed: boolean;
}
export interface IvmModule {
  Isolate: new (options: { memoryLimit: number }) => IvmIsolate;
  Callback: new (fn: (...args: never[]) => unknown, options: { ignored: true }) => unknown;
}

let loaded: IvmModule | undefined;

export function loadIvm(): IvmModule {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const failures: string[] = [];
  for (const name of ['isolated-vm', 'isolated-vm-node20']) {
    try {
      loaded = require(name) as IvmModule;
      return loaded;
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(
    `isolated-vm could not be loaded on Node ${process.version}, so kata probes cannot run safely. ` +
      `Use Node 20.19+, 22 or 24 and run \`npm install\` again (Node 20 needs g++ and make to build it). ` +
      `Node also needs --no-node-snapshot. Details: ${failures.join('; ')}`,
  );
}
