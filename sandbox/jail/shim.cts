// The candidate process's main script, run before its code. The trusted side already holds a
// listening TCP socket and hands it over as fd 3, so whatever port the candidate asks for, its
// server accepts on that socket: the candidate needs no network of its own, and the probes
// reach it without ever entering the jail. The code arrives on stdin after a line naming its
// format, so a process can be started (and jailed) before the code is known.
//
// The shim is also the entry of the jail's V8 startup snapshot (startup-snapshot.ts): built into
// one, it only registers start() to run when a jail's Node deserializes it. So nothing runs, and
// no module but node:v8 loads, before start().
import v8 from 'node:v8';
type Http = typeof import('node:http');
type Net = typeof import('node:net');

const LISTEN_FD = 3;
const STATUS_FD = 4;
const MAIN = '/sandbox/main.js';

function start(): void {
  // Loaded here, not above: a snapshot's builder cannot load node:http (nor needs to).
  const fs = require('node:fs') as typeof import('node:fs');
  const http = require('node:http') as Http;
  const net = require('node:net') as Net;
  const Module = require('node:module') as typeof import('node:module');

  const tell = (word: string): void => {
    try {
      fs.writeSync(STATUS_FD, `${word}\n`);
    } catch {
      // The supervisor is gone; the run is over anyway.
    }
  };

  let announced = false;
  const announce = (): void => {
    if (announced) return;
    announced = true;
    tell('listening');
  };

  // Before any candidate code: the jail is set up and Node runs in it.
  tell('ready');

  const listen = net.Server.prototype.listen;
  /** The first server to listen: the one the probes reach. */
  let probed: import('node:net').Server | undefined;
  net.Server.prototype.listen = function (this: import('node:net').Server, ...args: unknown[]): import('node:net').Server {
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
  const warmUp = async (): Promise<void> => {
    const server = http.createServer((_req, res) => res.end());
    await new Promise<void>((resolve) => listen.call(server, { port: 0, host: '127.0.0.1' }, () => resolve()));
    const { port } = server.address() as import('node:net').AddressInfo;
    await new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end('GET / HTTP/1.1\r\nHost: warm-up\r\nConnection: close\r\n\r\n'));
      socket.on('close', () => resolve()).on('error', () => resolve()).resume();
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  const readCode = async (): Promise<string> => {
    let code = '';
    process.stdin.setEncoding('utf8');
    for await (const chunk of process.stdin) code += chunk;
    return code;
  };

  const run = (received: string): void => {
    const newline = received.indexOf('\n');
    const format = received.slice(0, newline);
    const code = received.slice(newline + 1);
    if (format === 'esm') {
      // Code with top-level await: an ES module, loaded from its text (there is no file to read).
      // `require` stays at hand as a global, for code that mixes it with top-level await.
      (globalThis as { require?: NodeJS.Require }).require = Module.createRequire(MAIN);
      const source = `${code}\n//# sourceURL=${MAIN}`;
      // import() only works in code compiled after start-up: code of a snapshot has no module
      // loader to call. So the import is made by a one-line module compiled now.
      const loader = new Module(MAIN) as unknown as { exports: (url: string) => Promise<unknown>; _compile(code: string, filename: string): void };
      loader._compile('module.exports = (url) => import(url);', MAIN);
      // A rejection is left unhandled: Node reports it and exits, as for a plain `node main.mjs`.
      void loader.exports(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
      return;
    }
    const main = new Module(MAIN);
    main.filename = MAIN;
    (main as unknown as { _compile(code: string, filename: string): void })._compile(code, MAIN);
  };

  warmUp()
    .catch(() => undefined)
    .then(readCode)
    // Outside the promise chain, so the candidate's own errors behave as in a plain `node main.js`.
    .then((code) => setImmediate(run, code));
}

if (v8.startupSnapshot.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(start);
else start();
