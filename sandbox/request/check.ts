// What a learner may send to their own server, and the request exactly as it then goes out. The
// request only ever goes to the candidate's own socket (exchange.ts picks no host or port from
// it); these checks keep it well-formed HTTP that Node's client sends as written, so whatever
// comes back is the server's doing, not a request that could not be sent.
import type { HeaderLine, LearnerRequest } from '../result.js';

export const MAX_REQUEST_BODY = 64 * 1024;
const MAX_HEADER_BYTES = 32 * 1024;
/** RFC 9110's token: what a method and a header name are made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Node's client sends these without a body unless one is given; other methods get Content-Length: 0. */
const BODILESS = ['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE'];

const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

const find = (headers: HeaderLine[], name: string) => headers.filter((h) => h.name.toLowerCase() === name);

/** The first thing wrong with the request, in words for the learner; undefined when it can be sent. */
export function requestProblem({ method, path, headers, body }: LearnerRequest): string | undefined {
  if (!TOKEN.test(method) || method.length > 20) return `${quote(method)} is not an HTTP method: a word such as GET or POST`;
  if (method.toUpperCase() === 'CONNECT') return 'CONNECT asks for a tunnel to another host, which cannot be sent here';
  if (!path.startsWith('/')) return `the path must start with / (it is the part of the URL after the host), not ${quote(path)}`;
  if (/[^\x21-\x7e]/.test(path)) return 'the path contains a space, a control character or a character outside ASCII: percent-encode it (a space is %20, é is %C3%A9)';
  if (path.length > 8192) return 'the path is longer than 8192 characters';
  if (headers.length > 50) return 'at most 50 headers can be sent';
  for (const { name, value } of headers) {
    if (!TOKEN.test(name) || name.length > 100) return `${quote(name)} is not a header name: letters, digits and - (no spaces, no colon)`;
    if (/[^\t\x20-\x7e]/.test(value)) return `the value of header ${name} contains a line break, a control character or a character outside ASCII`;
  }
  if (headers.reduce((n, h) => n + h.name.length + h.value.length + 4, 0) > MAX_HEADER_BYTES) return 'the headers add up to more than 32 KB';
  for (const name of ['host', 'content-length', 'transfer-encoding']) if (find(headers, name).length > 1) return `the ${name} header is given more than once`;
  const bytes = Buffer.byteLength(body);
  if (bytes > MAX_REQUEST_BODY) return `the body is ${bytes} bytes; at most ${MAX_REQUEST_BODY / 1024} KB can be sent`;
  const [length] = find(headers, 'content-length');
  const [encoding] = find(headers, 'transfer-encoding');
  if (length && encoding) return 'give Content-Length or Transfer-Encoding, not both';
  if (length && length.value.trim() !== String(bytes)) return `Content-Length says ${quote(length.value)} but the body is ${bytes} bytes: leave Content-Length out and it is set for you`;
  if (encoding && encoding.value.trim().toLowerCase() !== 'chunked') return 'Transfer-Encoding can only be chunked here';
  return undefined;
}

/**
 * The request as it goes out: the method in capitals (Node's client sends it so), the learner's
 * headers in their order, then what the client would add itself, written out here so the learner
 * sees every header sent: Host (as for http://localhost:3000, where the server believes it
 * listens), Content-Length for a body, and Connection: close, as the only request on its connection.
 */
export function framed(request: LearnerRequest): LearnerRequest {
  const method = request.method.toUpperCase();
  const headers = [...request.headers];
  const has = (name: string) => find(headers, name).length > 0;
  if (!has('host')) headers.unshift({ name: 'Host', value: 'localhost:3000' });
  const bytes = Buffer.byteLength(request.body);
  if (!has('content-length') && !has('transfer-encoding') && (bytes > 0 || !BODILESS.includes(method))) headers.push({ name: 'Content-Length', value: String(bytes) });
  if (!has('connection')) headers.push({ name: 'Connection', value: 'close' });
  return { method, path: request.path, headers, body: request.body };
}
