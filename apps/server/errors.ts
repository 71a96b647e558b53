// Every failure leaves as JSON { error, message } with the status that fits: a short machine code
// for programs, a sentence for people. That holds for every layer (router, body parser, static
// files, routes), and no answer repeats more than a short piece of what the client sent. Server
// faults are logged and never described to clients.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { BusyError, UnknownKataError } from '../../sandbox/index.js';
import { securityHeaders } from './security-headers.js';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Fastify's own 4xx errors; ours (rate limits, a busy pool) come as HttpError with their code. */
const codes: Record<number, string> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
};

/** Fastify's errors whose own message quotes the whole URL. */
const messages: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid: it has a malformed %-escape.',
  FST_ERR_MAX_PARAM_LENGTH: 'A part of the URL is too long.',
  FST_CSRF_INVALID_TOKEN: "The CSRF token is missing or wrong: send this session's token (from login) in the x-csrf-token header.",
  FST_CSRF_MISSING_SECRET: 'This session has no CSRF secret; sign in again.',
};
/** @fastify/static's 403 ("Forbidden") is for a path that climbs out of the assets folder. */
const forbidden = 'That path is not served.';

const cut = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit)}…` : text);

/** A piece of client input, cut short so an answer never repeats much of it. */
export const echo = (input: string) => cut(input, 100);

export function notFound(message: string): HttpError {
  return new HttpError(404, 'not_found', message);
}

export function toHttpError(err: FastifyError | Error): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof BusyError) {
    return new HttpError(503, 'busy', `Every run slot is busy; try again in ${err.retryAfterSeconds} s.`, { 'retry-after': String(err.retryAfterSeconds) });
  }
  if (err instanceof UnknownKataError) {
    return new HttpError(409, 'kata_version_unknown', `Version ${err.version} of kata "${err.kata}" is neither installed nor kept on this server.`);
  }
  const { statusCode: status, code } = err as FastifyError;
  if (status !== undefined && status >= 400 && status < 500) {
    return new HttpError(status, codes[status] ?? 'bad_request', messages[code] ?? (status === 403 ? forbidden : err.message));
  }
  return new HttpError(500, 'internal', 'Something went wrong on the server; it has been logged.');
}

export function handleError(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const http = toHttpError(err);
  if (http.code === 'internal') request.log.error({ err }, 'request failed');
  // Some messages (Fastify's, the parser's) quote a header or the body: none is repeated at length.
  reply.code(http.statusCode).headers(http.headers).send({ error: http.code, message: cut(http.message, 300) });
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  handleError(notFound(`No route for ${request.method} ${echo(request.url.split('?')[0]!)}`), request, reply);
}

/** The router's own errors (a malformed %-escape, an over-long URL part) come before any hook that adds headers. */
export function handleFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  handleError(err, request, reply.headers(securityHeaders));
}

/** Requests Node's HTTP parser cannot read never reach Fastify: the answer is written to the socket. */
export function handleClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, error, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'The request headers are too large.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request took too long to arrive.']
        : [400, 'bad_request', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ error, message });
  const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close', ...securityHeaders };
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`);
  }
  socket.destroy();
}
