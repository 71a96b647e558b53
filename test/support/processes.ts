// Real `katabox serve` and `katabox runner` processes for tests, each started until it says it
// is ready, and stopped (SIGTERM, or SIGKILL when a test asks) when the test file's tests end.
import { spawn, type ChildProcess } from 'node:child_process';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/katabox.js', import.meta.url));
const running = new Set<KataboxProcess>();
after(() => Promise.all([...running].map((p) => p.stop())));

export class KataboxProcess {
  output = '';
  private readonly exited: Promise<number | null>;

  constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const read = (chunk: Buffer) => (this.output += chunk);
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    running.add(this);
    void this.exited.then(() => running.delete(this));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the first match of `pattern` in what the process printed; rejects if it exits first. */
  async waitFor(pattern: RegExp, ms = 60_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = pattern.exec(this.output);
      if (found) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`the process exited before printing ${pattern}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the process printed no ${pattern} within ${ms} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  kill(): Promise<number | null> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}

function start(args: string[], env: Record<string, string>): KataboxProcess {
  return new KataboxProcess(spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** `katabox serve --queue …` on a free port; resolves with its address once it serves. */
export async function startWeb(options: { db: string; queue: string }): Promise<{ url: string; process: KataboxProcess }> {
  const web = start(['serve', '--port', '0', '--db', options.db, '--queue', options.queue, '--allow-weak-isolation'], {});
  const [, url] = await web.waitFor(/Katabox is serving on (\S+)/);
  return { url: url!, process: web };
}

/** `katabox runner`: resolves once it takes runs. `lockMs` is how soon its runs go to another worker if it dies. */
export async function startRunner(options: { db: string; queue: string; concurrency?: number; lockMs?: number }): Promise<KataboxProcess> {
  const args = ['runner', '--queue', options.queue, '--db', options.db, '--allow-weak-isolation', '--concurrency', String(options.concurrency ?? 1)];
  const runner = start(args, { KATABOX_QUEUE_LOCK_MS: String(options.lockMs ?? 2000) });
  await runner.waitFor(/Katabox runner \S+ takes runs/);
  return runner;
}
