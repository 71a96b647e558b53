// One learner-written request to the candidate's server, and the response as raw as Node's client
// gives it: the status line, the headers in order as the server spelled them, the body's bytes
// (the first 64 KB kept, every byte counted). It connects to the candidate's socket and nowhere else.
import { isUtf8 } from 'node:buffer';
import http from 'node:http';
import type { LearnerRequest, RawResponse } from '../result.js';

export const MAX_KEPT_BODY = 64 * 1024;

/**
 * How the exchange ended: a whole response; the connection closed before one ('cut-off', and
 * 'invalid' when what came was not HTTP); 'switched' protocols (101: the connection is then closed);
 * nothing whole by the deadline.
 */
export type Ending = 'complete' | 'cut-off' | 'invalid' | 'switched' | 'timeout';

export interface Exchanged {
  response: RawResponse | null;
  ending: Ending;
  /** Node's error code, where one explains the ending. */
  code?: string;
  ms: number;
}

type Head = Omit<RawResponse, 'body' | 'bodyEncoding' | 'bodyBytes' | 'truncated'>;

/** Text where the kept bytes are UTF-8 (a character cut by the cap is dropped whole), base64 otherwise. */
function bodyOf(bytes: Buffer, arrived: number): Pick<RawResponse, 'body' | 'bodyEncoding' | 'bodyBytes' | 'truncated'> {
  const truncated = arrived > bytes.length;
  for (let cut = 0; cut <= (truncated ? 3 : 0) && cut <= bytes.length; cut++) {
    const text = bytes.subarray(0, bytes.length - cut);
    if (isUtf8(text)) return { body: text.toString('utf8'), bodyEncoding: 'utf8', bodyBytes: arrived, truncated };
  }
  return { body: bytes.toString('base64'), bodyEncoding: 'base64', bodyBytes: arrived, truncated };
}

export function exchange(port: number, request: LearnerRequest, timeoutMs: number): Promise<Exchanged> {
  return new Promise((resolve) => {
    const started = performance.now();
    const since = () => Math.round(performance.now() - started);
    const parts: Buffer[] = [];
    let kept = 0;
    let arrived = 0;
    let head: Head | undefined;
    let done = false;
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: request.method,
      path: request.path,
      // As an array, the headers go out in this order with this spelling; check.ts framed them whole.
      headers: request.headers.flatMap((h) => [h.name, h.value]),
      setHost: false,
      agent: false,
    });
    const finish = (ending: Ending, code?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      const response = head ? { ...head, ...bodyOf(Buffer.concat(parts), arrived) } : null;
      resolve({ response, ending, ms: since(), ...(code ? { code } : {}) });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    const onHead = (res: http.IncomingMessage) => {
      const headers = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.push({ name: res.rawHeaders[i]!, value: res.rawHeaders[i + 1]! });
      head = { statusLine: `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage ?? ''}`.trimEnd(), status: res.statusCode ?? 0, headers, headersMs: since() };
    };
    req.on('response', (res) => {
      onHead(res);
      res.on('data', (chunk: Buffer) => {
        arrived += chunk.length;
        if (kept >= MAX_KEPT_BODY) return;
        const part = chunk.subarray(0, MAX_KEPT_BODY - kept);
        parts.push(part);
        kept += part.length;
      });
      res.on('end', () => finish('complete'));
      // The server closing the connection before the end: its 'error' says only "aborted".
      res.on('error', () => undefined);
      res.on('close', () => finish(res.complete ? 'complete' : 'cut-off'));
    });
    req.on('upgrade', (res, socket) => {
      onHead(res);
      socket.destroy();
      finish('switched');
    });
    req.on('error', (err: NodeJS.ErrnoException) => finish(err.code?.startsWith('HPE_') ? 'invalid' : 'cut-off', err.code));
    req.end(Buffer.from(request.body));
  });
}
