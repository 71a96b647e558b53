// A throwaway Redis for tests: redis-server on a free port in a temp folder, nothing persisted
// (no RDB snapshots, no append-only file), stopped when the test file's tests end. It can be
// stopped and started again on the same port, as a restarting Redis would be.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { after } from 'node:test';
import { tempDir } from './temp.js';

const started: TestRedis[] = [];
after(() => Promise.all(started.map((redis) => redis.stop())));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function requireBinary(): void {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error('redis-server is not installed: these tests need a real Redis. Install the Debian package `redis-server` (apt-get install redis-server).');
  }
}

export class TestRedis {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<TestRedis> {
    requireBinary();
    const redis = new TestRedis(await freePort(), tempDir('redis'));
    started.push(redis);
    await redis.restart();
    return redis;
  }

  /** Starts the server again (empty: nothing was persisted) on the same port. */
  async restart(): Promise<void> {
    await this.stop();
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
    });
    child.stdout!.resume();
    child.stderr!.resume();
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
