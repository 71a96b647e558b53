// Every failure leaves as JSON { error, message } with the status that fits: a short machine code
// for programs, a sentence for people. Server faults are logged and never described to clients.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { BusyError, UnknownKataError } from '../../sandbox/index.js';

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
  415: 'unsupported_media_type',
};

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
  const status = (err as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return new HttpError(status, codes[status] ?? 'bad_request', err.message);
  return new HttpError(500, 'internal', 'Something went wrong on the server; it has been logged.');
}

export function handleError(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const http = toHttpError(err);
  if (http.code === 'internal') request.log.error({ err }, 'request failed');
  reply.code(http.statusCode).headers(http.headers).send({ error: http.code, message: http.message });
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  handleError(notFound(`No route for ${request.method} ${request.url.split('?')[0]}`), request, reply);
}
