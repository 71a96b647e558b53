// The host side of the probe bridge: the only things probe code can make happen outside its
// Isolate. Every request it asks for is checked here and always goes to the candidate's own
// socket; probes never choose a host or a port.
import { isUtf8 } from 'node:buffer';
import http from 'node:http';
import net from 'node:net';
import type { ShutdownSignal } from '../jail/candidate.js';
import type { Exchange, ExchangeRequest, ExchangeResponse } from '../result.js';
import { MAX_BODY, Received, type BodyChunk } from './received.js';

export class BridgeFailure extends Error {}

export interface BridgeTarget {
  port: number;
  alive(): boolean;
  /** Settles when the server process has exited. */
  exited: Promise<unknown>;
  /** Sends a signal to the candidate's server process; false when it is not running. */
  signal(signal: ShutdownSignal): boolean;
}

const shutdownSignals: readonly string[] = ['SIGTERM', 'SIGINT'] satisfies ShutdownSignal[];

/** A crash shows on a socket a moment before the process's exit is reported: how long to wait for it. */
export const CRASH_GRACE_MS = 150;

const SHOWN_BODY = 4096;
const DEFAULT_TIMEOUT_MS = 2000;
/**
 * Deadlines while the server leaves requests unfinished, by how many in a row it has: a server
 * that hangs on everything gets its verdict in seconds, not minutes. One hang may be one path's
 * bug, so the next request still gets 1.5 s, which a slow but working answer on a loaded
 * machine makes; only after two in a row, with nothing finished between, is the server taken
 * to answer nothing. Any response it ends (or cuts off) restores the full deadline.
 */
const AFTER_HANGS_TIMEOUT_MS = [DEFAULT_TIMEOUT_MS, 1500, 500];

interface RequestSpec {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer[];
  chunkDelayMs: number;
  timeoutMs?: number;
  readUntil?: ReadUntil;
}

/** Read a response only this long, or until this text has arrived, then close the connection. */
interface ReadUntil {
  ms: number;
  text?: string;
}

/** How a response ended: whole, cut off by the server before its end, or when the probe stopped reading (readUntil). */
type Ended = 'complete' | 'cut-off' | 'stopped';

/** What a probe gets back for a request. */
interface ProbeResponse extends ExchangeResponse {
  statusText: string;
  headersAt: number;
  chunks: BodyChunk[];
  ended: Ended;
  /** null when the probe stopped reading first. */
  endedAt: number | null;
}

/** What came back on a raw connection, and who closed it. */
interface RawReply {
  text: string;
  closedBy: 'server' | 'timeout';
}

function authoringError(message: string): never {
  throw new BridgeFailure(`probe script error: ${message}`);
}

function checkString(value: unknown, what: string, max: number): string {
  if (typeof value !== 'string') authoringError(`${what} must be a string`);
  if (value.length > max) authoringError(`${what} is longer than ${max} characters`);
  return value;
}

/** A body the probe gave as text (sent as UTF-8) or as bytes, which cross the bridge as { base64 }. */
function checkBytes(value: unknown, what: string, max: number): Buffer {
  let bytes: Buffer | undefined;
  if (typeof value === 'string') {
    if (value.length <= max) bytes = Buffer.from(value);
  } else if (typeof value === 'object' && value !== null && Object.keys(value).join() === 'base64') {
    const text = (value as { base64: unknown }).base64;
    if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) authoringError(`${what} is not valid bytes`);
    if (text.length <= Math.ceil(max / 3) * 4) bytes = Buffer.from(text, 'base64');
  } else {
    authoringError(`${what} must be a string or bytes (a Uint8Array, or an array of numbers from 0 to 255)`);
  }
  if (bytes === undefined || bytes.length > max) authoringError(`${what} is larger than ${max} bytes`);
  return bytes;
}

function checkNumber(value: unknown, what: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= min && value <= max)) authoringError(`${what} must be a number from ${min} to ${max}`);
  return value;
}

function checkHeaders(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) authoringError('headers must be an object of strings');
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/.test(name)) authoringError(`"${name}" is not a valid header name`);
    const text = checkString(v, `header ${name}`, 8192);
    if (/[\r\n\0]/.test(text)) authoringError(`header ${name} contains a line break`);
    // Sent with the probe's own spelling: Node's lowercasing on the server side is a lesson.
    if (hasHeader(headers, name)) authoringError(`header ${name} is given twice`);
    headers[name] = text;
  }
  return headers;
}

/** Header names are case-insensitive; probes keep their own spelling. */
function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name.toLowerCase());
}

function checkReadUntil(value: unknown): ReadUntil | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) authoringError('readUntil must be an object { ms, text? }');
  const o = value as Record<string, unknown>;
  const ms = checkNumber(o.ms, 'readUntil.ms', 50, 10_000) ?? authoringError('readUntil.ms is required');
  if (o.text === undefined) return { ms };
  const text = checkString(o.text, 'readUntil.text', 1000);
  if (text === '') authoringError('readUntil.text must not be empty');
  return { ms, text };
}

function requestSpec(raw: unknown): RequestSpec {
  if (typeof raw !== 'object' || raw === null) authoringError('request options must be an object');
  const o = raw as Record<string, unknown>;
  const method = o.method === undefined ? 'GET' : checkString(o.method, 'method', 20).toUpperCase();
  if (!/^[A-Z]+$/.test(method)) authoringError(`"${method}" is not an HTTP method`);
  const path = checkString(o.path, 'path', 8192);
  if (!/^[/*]/.test(path) || /[\s\0-\x1f\x7f]/.test(path)) authoringError(`path "${path}" must start with / and contain no whitespace or control characters`);
  // Node would send U+0080–U+00FF as single latin1 bytes, which its parser answers with a bare
  // 400 before the candidate's code runs: a probe's mistake that would look like the server's.
  if (/[^\0-\x7f]/.test(path)) authoringError(`path "${path}" contains characters outside ASCII: percent-encode them (encodeURIComponent('é') is '%C3%A9')`);
  const headers = checkHeaders(o.headers);
  let body: Buffer[] = [];
  if (o.chunks !== undefined) {
    if (!Array.isArray(o.chunks) || o.chunks.length > 100) authoringError('chunks must be an array of at most 100 pieces');
    body = o.chunks.map((c, i) => checkBytes(c, `chunks[${i}]`, MAX_BODY));
  } else if (o.json !== undefined) {
    body = [Buffer.from(JSON.stringify(o.json))];
    if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
  } else if (o.body !== undefined) {
    body = [checkBytes(o.body, 'body', MAX_BODY)];
  }
  if (body.reduce((n, b) => n + b.length, 0) > MAX_BODY) authoringError('the body is larger than 1 MB');
  if (o.readUntil !== undefined && o.timeoutMs !== undefined) authoringError('give timeoutMs or readUntil, not both: readUntil.ms bounds the whole read');
  return {
    method,
    path,
    headers,
    body,
    chunkDelayMs: checkNumber(o.chunkDelayMs, 'chunkDelayMs', 0, 2000) ?? 30,
    timeoutMs: checkNumber(o.timeoutMs, 'timeoutMs', 50, 10_000),
    readUntil: checkReadUntil(o.readUntil),
  };
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function clip(text: string): string {
  return text.length > SHOWN_BODY ? `${text.slice(0, SHOWN_BODY)}… (${text.length - SHOWN_BODY} more characters)` : text;
}

/**
 * A printf command writing exactly `bytes`: text as it is, and where the bytes are not UTF-8
 * text, each byte outside printable ASCII as an octal escape (POSIX printf knows no \x).
 */
function printfCommand(bytes: Buffer): string {
  if (isUtf8(bytes)) return `printf %s ${shellQuote(bytes.toString('utf8'))}`;
  let format = '';
  for (const byte of bytes) {
    const printable = byte >= 0x20 && byte < 0x7f && byte !== 0x25 && byte !== 0x27 && byte !== 0x5c;
    format += printable ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `printf '${format}'`;
}

/** Bytes as people read them; bytes that are not UTF-8 text are said to be so. */
function shownBytes(bytes: Buffer): string {
  const text = clip(bytes.toString('utf8'));
  return isUtf8(bytes) ? text : `${text} (${bytes.length} bytes, not valid UTF-8)`;
}

/** The request as a developer would reproduce it against their own server on port 3000. */
export function describeRequest(spec: Pick<RequestSpec, 'method' | 'path' | 'headers' | 'body'>): ExchangeRequest {
  const body = Buffer.concat(spec.body);
  // Text goes on the command line; other bytes through a pipe, which carries them exactly.
  const piped = body.length > 0 && !isUtf8(body);
  const parts = piped ? [printfCommand(body), '|', 'curl', '-i'] : ['curl', '-i'];
  if (spec.method !== 'GET' || body.length > 0) parts.push('-X', spec.method);
  parts.push(shellQuote(`http://localhost:3000${spec.path}`));
  for (const [k, v] of Object.entries(spec.headers)) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (piped) parts.push('--data-binary', '@-');
  else if (body.length > 0) parts.push('--data-raw', shellQuote(body.toString('utf8')));
  return { method: spec.method, path: spec.path, headers: spec.headers, body: body.length > 0 ? shownBytes(body) : '', curl: parts.join(' ') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Bridge {
  /** Exchanges of each probe, by probe index. */
  readonly exchanges = new Map<number, Exchange[]>();
  /** Requests in a row that the server did not finish by their deadline. */
  private hangs = 0;
  /** The signal a probe sent the server, which explains a connection it drops afterwards. */
  private signalled: ShutdownSignal | undefined;

  constructor(private readonly target: BridgeTarget) {}

  async handle(op: string, payload: Record<string, unknown>, probe: number): Promise<unknown> {
    switch (op) {
      case 'http':
        return this.request(requestSpec(payload.request), probe);
      case 'abort':
        return this.abortMidBody(payload.request, probe);
      case 'raw':
        return this.raw(checkBytes(payload.bytes, 'bytes', 65536), checkNumber(payload.timeoutMs, 'timeoutMs', 50, 10_000) ?? 1000, probe);
      case 'sleep':
        await sleep(checkNumber(payload.ms, 'sleep(ms)', 0, 5000) ?? 0);
        return null;
      case 'alive':
        return this.target.alive();
      case 'signal': {
        const signal = payload.signal;
        if (typeof signal !== 'string' || !shutdownSignals.includes(signal)) authoringError(`signal must be one of ${shutdownSignals.join(', ')}`);
        if (!this.target.signal(signal as ShutdownSignal)) throw new BridgeFailure(`the server process is not running, so it could not be sent ${signal}`);
        this.signalled = signal as ShutdownSignal;
        return null;
      }
      default:
        return authoringError(`unknown bridge operation ${op}`);
    }
  }

  private record(probe: number, exchange: Exchange): void {
    const list = this.exchanges.get(probe) ?? [];
    list.push(exchange);
    this.exchanges.set(probe, list);
  }

  private request(spec: RequestSpec, probe: number): Promise<ProbeResponse> {
    const until = spec.readUntil;
    const timeoutMs = until?.ms ?? spec.timeoutMs ?? AFTER_HANGS_TIMEOUT_MS[Math.min(this.hangs, AFTER_HANGS_TIMEOUT_MS.length - 1)]!;
    const seconds = `${timeoutMs / 1000} s`;
    const shown = describeRequest(spec);
    const exchange: Exchange = { request: shown, response: null };
    const notes = spec.body.length > 1 ? [`body sent in ${spec.body.length} chunks, ${spec.chunkDelayMs} ms apart`] : [];
    const noted = () => {
      if (notes.length > 0) exchange.note = notes.join('; ');
    };
    noted();
    this.record(probe, exchange);
    const length = spec.body.reduce((n, b) => n + b.length, 0);
    const headers = { ...spec.headers };
    // A body, even an empty one, goes out with its length unless the probe framed it itself.
    if (spec.body.length > 0 && !hasHeader(headers, 'content-length') && !hasHeader(headers, 'transfer-encoding')) headers['content-length'] = String(length);

    return new Promise((resolve, reject) => {
      const startedAt = performance.now();
      let response: { res: http.IncomingMessage; received: Received } | undefined;
      let settled = false;
      const req = http.request({ host: '127.0.0.1', port: this.target.port, method: spec.method, path: spec.path, headers, agent: false });
      const failed = (message: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(new BridgeFailure(message));
      };
      const finish = (ended: Ended) => {
        if (settled || !response) return;
        settled = true;
        clearTimeout(timer);
        if (ended !== 'stopped') this.hangs = 0;
        const { res, received } = response;
        const body = received.body();
        const seen = { status: res.statusCode ?? 0, headers: res.headers as Record<string, string | string[]>, body };
        exchange.response = { ...seen, body: clip(body) };
        if (ended === 'stopped') {
          req.destroy();
          notes.push(`the probe read the response for ${received.now()} ms${until?.text ? ` (until ${JSON.stringify(until.text)} or ${until.ms} ms)` : ''}, then closed the connection`);
        }
        const cut = ended === 'cut-off' ? this.cutOff(received.bytes) : undefined;
        if (cut) notes.push(cut);
        noted();
        // A plain request wants the whole response, so a cut-off one fails it; readUntil reads
        // streams, where the probe judges a cut itself.
        if (cut && !until) return reject(new BridgeFailure(cut));
        resolve({ ...seen, statusText: res.statusMessage ?? '', headersAt: received.headersAt, chunks: received.chunks, ended, endedAt: ended === 'stopped' ? null : received.now() });
      };
      const timer = setTimeout(() => {
        if (until && response) return finish('stopped');
        this.hangs++;
        failed(response === undefined
          ? until
            ? `no response within ${seconds} — the status line and headers go out with the first write, or at once with res.flushHeaders()`
            : `no response within ${seconds} — does every code path call res.end()?`
          : `the response started (status ${response.res.statusCode}) but did not finish within ${seconds} — does the handler call res.end()?`);
      }, timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => failed(this.connectionProblem(err)));
      req.on('response', (res) => {
        const received = new Received(startedAt);
        response = { res, received };
        res.on('data', (chunk: Buffer) => {
          received.add(chunk);
          if (until?.text !== undefined && received.includes(until.text)) finish('stopped');
        });
        res.on('end', () => finish('complete'));
        // The server closing the connection before the end: its 'error' says only "aborted".
        res.on('error', () => undefined);
        res.on('close', () => {
          if (res.complete || settled) return;
          // Whether the process exited explains the cut, and the next probe must find out.
          clearTimeout(timer);
          void this.exitNoticed().then(() => finish('cut-off'));
        });
      });
      void (async () => {
        for (const [i, chunk] of spec.body.entries()) {
          if (i > 0) await sleep(spec.chunkDelayMs);
          if (req.destroyed) return;
          req.write(chunk);
        }
        req.end();
      })();
    });
  }

  private async exitNoticed(): Promise<void> {
    if (this.target.alive()) await Promise.race([this.target.exited, sleep(CRASH_GRACE_MS)]);
  }

  /** A response the server closed before its end, and why, where that is known. */
  private cutOff(bytes: number): string {
    const after = bytes === 0 ? 'after the status line and headers' : `after ${bytes} byte${bytes === 1 ? '' : 's'} of the body`;
    const why = this.signalled ? `, after the server process was sent ${this.signalled}` : this.target.alive() ? '' : ' — the server process exited (see its stderr)';
    return `the server closed the connection ${after}, before the response ended${why}`;
  }

  private connectionProblem(err: NodeJS.ErrnoException): string {
    if (err.code === 'ECONNREFUSED') return 'the server is not accepting connections any more — did it close its server or exit?';
    if (err.code === 'ECONNRESET' || err.message === 'socket hang up') {
      if (this.signalled) return `the connection was closed without a response after the server process was sent ${this.signalled}`;
      return this.target.alive()
        ? 'the connection was closed without a response — does the handler destroy the socket or throw?'
        : 'the connection was closed without a response because the server process exited (see its stderr)';
    }
    if (err.code?.startsWith('HPE_')) return `the response is not valid HTTP (${err.code})`;
    return `the request failed: ${err.message}`;
  }

  private async abortMidBody(raw: unknown, probe: number): Promise<null> {
    const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const spec = requestSpec({ method: o.method ?? 'POST', path: o.path, headers: o.headers, body: o.partialBody ?? authoringError('partialBody is required') });
    const sent = spec.body[0]!.length;
    const declared = checkNumber(o.declaredLength, 'declaredLength', sent + 1, MAX_BODY * 10) ?? authoringError('declaredLength is required');
    for (const name of Object.keys(spec.headers)) if (name.toLowerCase() === 'content-length') delete spec.headers[name];
    spec.headers['content-length'] = String(declared);
    this.record(probe, {
      request: describeRequest(spec),
      response: null,
      note: `the client sent ${sent} of ${declared} announced bytes, then disconnected`,
    });
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: this.target.port, method: spec.method, path: spec.path, headers: spec.headers, agent: false });
      req.on('error', () => resolve());
      req.on('response', (res) => res.resume());
      req.write(Buffer.concat(spec.body), () => {
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
    });
    return null;
  }

  private raw(bytes: Buffer, timeoutMs: number, probe: number): Promise<RawReply> {
    const exchange: Exchange = {
      request: { method: 'RAW', path: '', headers: {}, body: shownBytes(bytes), curl: `${printfCommand(bytes)} | nc localhost 3000` },
      response: null,
    };
    this.record(probe, exchange);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const socket = net.connect(this.target.port, '127.0.0.1');
      const finish = (closedBy: RawReply['closedBy']) => {
        clearTimeout(timer);
        socket.destroy();
        const text = Buffer.concat(chunks).toString('utf8');
        exchange.response = { status: 0, headers: {}, body: clip(text) };
        exchange.note = closedBy === 'server' ? 'the server closed the connection' : `the connection was still open after ${timeoutMs / 1000} s, so the probe closed it`;
        resolve({ text, closedBy });
      };
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      socket.on('connect', () => socket.write(bytes));
      socket.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= 65536) chunks.push(chunk);
      });
      socket.on('end', () => finish('server'));
      socket.on('error', (err: NodeJS.ErrnoException) => {
        if (chunks.length > 0) return finish('server');
        clearTimeout(timer);
        reject(new BridgeFailure(this.connectionProblem(err)));
      });
    });
  }
}
