// Preloaded into the candidate's process before its code. The trusted side already holds a
// listening TCP socket and hands it over as fd 3, so whatever port the candidate asks for, its
// server accepts on that socket: the candidate needs no network of its own, and the probes
// reach it without ever entering the jail. The code arrives on stdin, so a process can be
// started (and jailed) before the code is known.
import fs from 'node:fs';
import net from 'node:net';
import Module from 'node:module';

const LISTEN_FD = 3;
const STATUS_FD = 4;
const MAIN = '/sandbox/main.js';

let announced = false;
function announce(): void {
  if (announced) return;
  announced = true;
  try {
    fs.writeSync(STATUS_FD, 'listening\n');
  } catch {
    // The supervisor is gone; the run is over anyway.
  }
}

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]): net.Server {
  const last = args[args.length - 1];
  const callback = typeof last === 'function' ? (last as () => void) : undefined;
  this.once('listening', announce);
  return listen.call(this, { fd: LISTEN_FD }, callback);
};

const code = fs.readFileSync(0, 'utf8');
const main = new Module(MAIN);
main.filename = MAIN;
(main as unknown as { _compile(code: string, filename: string): void })._compile(code, MAIN);
