// The candidate process's main script, run before its code. The trusted side already holds a
// listening TCP socket and hands it over as fd 3, so whatever port the candidate asks for, its
// server accepts on that socket: the candidate needs no network of its own, and the probes
// reach it without ever entering the jail. The code arrives on stdin after a line naming its
// format, so a process can be started (and jailed) before the code is known.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import Module from 'node:module';

const LISTEN_FD = 3;
const STATUS_FD = 4;
const MAIN = '/sandbox/main.js';

function tell(word: string): void {
  try {
    fs.writeSync(STATUS_FD, `${word}\n`);
  } catch {
    // The supervisor is gone; the run is over anyway.
  }
}

let announced = false;
function announce(): void {
  if (announced) return;
  announced = true;
  tell('listening');
}

// Before any candidate code: the jail is set up and Node runs in it.
tell('ready');

const listen = net.Server.prototype.listen;
/** The first server to listen: the one the probes reach. */
let probed: net.Server | undefined;
net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]): net.Server {
  const last = args[args.length - 1];
  const callback = typeof last === 'function' ? (last as () => void) : undefined;
  probed ??= this;
  // A later server (metrics beside the API, say) listens on a free port of the jail's own
  // loopback, whatever port it asked for: it runs as it would, and the probes never see it.
  if (this !== probed) return listen.call(this, { port: 0, host: '127.0.0.1' }, callback);
  this.once('listening', announce);
  return listen.call(this, { fd: LISTEN_FD }, callback);
};

/**
 * One request through Node's HTTP server, on a throwaway server, loads and compiles what serving
 * needs while the process waits for its code, instead of during the first probe. The request
 * is written on a plain socket: the candidate's server never needs Node's HTTP client.
 */
async function warmUp(): Promise<void> {
  const server = http.createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => listen.call(server, { port: 0, host: '127.0.0.1' }, () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end('GET / HTTP/1.1\r\nHost: warm-up\r\nConnection: close\r\n\r\n'));
    socket.on('close', () => resolve()).on('error', () => resolve()).resume();
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function readCode(): Promise<string> {
  let code = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) code += chunk;
  return code;
}

function run(received: string): void {
  const newline = received.indexOf('\n');
  const format = received.slice(0, newline);
  const code = received.slice(newline + 1);
  if (format === 'esm') {
    // Code with top-level await: an ES module, loaded from its text (there is no file to read).
    // `require` stays at hand as a global, for code that mixes it with top-level await.
    (globalThis as { require?: NodeJS.Require }).require = Module.createRequire(MAIN);
    const source = `${code}\n//# sourceURL=${MAIN}`;
    // A rejection is left unhandled: Node reports it and exits, as for a plain `node main.mjs`.
    void import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
    return;
  }
  const main = new Module(MAIN);
  main.filename = MAIN;
  (main as unknown as { _compile(code: string, filename: string): void })._compile(code, MAIN);
}

warmUp()
  .catch(() => undefined)
  .then(readCode)
  // Outside the promise chain, so the candidate's own errors behave as in a plain `node main.js`.
  .then((code) => setImmediate(run, code));
