// The browser's side of the JSON API. Types come from the API contract, so both ends agree.
import type { Catalog, CatalogQuery, Diagnostic, Draft, KataPage, LearnerRequest, Practice, ProbeOutcome, RequestResult, RunResult, Session, Submission, SubmissionList } from '../../contract';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Status 0: no answer came back at all (the server is down, or the network is). */
export const UNREACHABLE = 0;

export const isUnreachable = (err: unknown): boolean => err instanceof ApiError && err.status === UNREACHABLE;

/** The signed-in account's CSRF token, sent with every change it makes; empty for a learner without an account. */
let csrfToken = '';

export async function call<T>(method: string, path: string, body?: unknown, keepalive = false, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...(csrfToken && method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}), ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      keepalive,
    });
  } catch {
    throw new ApiError(UNREACHABLE, 'unreachable', 'The server could not be reached: it may be restarting, or the network is down.');
  }
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as ({ error?: string; message?: string } & T) | null;
  if (!response.ok) throw new ApiError(response.status, data?.error ?? 'http_error', data?.message ?? `The server answered ${response.status}.`);
  return data as T;
}

/** Who is signed in (and the session's CSRF token from now on), or null for nobody. */
export async function currentSession(): Promise<Session | null> {
  try {
    return keepToken(await call<Session>('GET', '/api/session'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

function keepToken(session: Session): Session {
  csrfToken = session.csrfToken;
  return session;
}

export const accountApi = {
  login: async (email: string, password: string) => keepToken(await call<Session>('POST', '/api/login', { email, password })),
  signUp: async (email: string, password: string) => keepToken(await call<Session>('POST', '/api/signup', { email, password })),
  logout: () => call<void>('POST', '/api/logout'),
};

const kataPath = (slug: string) => `/api/katas/${encodeURIComponent(slug)}`;

/** Filters (the catalog's, the interviewer's list's) as a query string ('' when none is set), for the API and the page's own URL. */
export function catalogQueryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  return params.size ? `?${params}` : '';
}

export const api = {
  catalog: (query: CatalogQuery) => call<Catalog>('GET', `/api/katas${catalogQueryString(query)}`),
  kata: (slug: string) => call<KataPage>('GET', kataPath(slug)),
  saveDraft: (slug: string, code: string, keepalive = false) => call<Draft>('PUT', `${kataPath(slug)}/draft`, { code }, keepalive),
  deleteDraft: (slug: string) => call<void>('DELETE', `${kataPath(slug)}/draft`),
  run: (slug: string, code: string) => call<RunResult>('POST', `${kataPath(slug)}/run`, { code }),
  sendRequest: (slug: string, code: string, request: LearnerRequest) => call<RequestResult>('POST', `${kataPath(slug)}/request`, { code, request }),
  /** Answers at once with the queued submission; watch() tells the rest. */
  submit: (slug: string, code: string) => call<Submission>('POST', `${kataPath(slug)}/submissions`, { code }),
  history: (slug: string) => call<SubmissionList>('GET', `${kataPath(slug)}/submissions`),
  submission: (id: string) => call<Submission>('GET', `/api/submissions/${encodeURIComponent(id)}`),
  startPractice: (slug: string) => call<Practice>('POST', `${kataPath(slug)}/practice`),
  stopPractice: (slug: string) => call<void>('DELETE', `${kataPath(slug)}/practice`),
};

/** Everything the learner has stored, as a JSON file to download. */
export const historyExportPath = '/api/history/export';

export interface SubmissionWatch {
  probe?(probe: ProbeOutcome): void;
  verdict(submission: Submission): void;
  diagnostics?(diagnostics: Diagnostic[]): void;
  /** The stream dropped (lost: true) and is being re-opened, or it is back (lost: false). */
  connection?(lost: boolean): void;
}

/**
 * Follows a submission's events until they end. EventSource reconnects by itself after a
 * dropped connection and resumes after the last event it got; returns a function that stops.
 */
export function watchSubmission(id: string, on: SubmissionWatch): () => void {
  const source = new EventSource(`/api/submissions/${encodeURIComponent(id)}/events`);
  const data = (event: Event) => JSON.parse((event as MessageEvent<string>).data);
  source.addEventListener('probe', (e) => on.probe?.(data(e) as ProbeOutcome));
  source.addEventListener('verdict', (e) => on.verdict(data(e) as Submission));
  source.addEventListener('diagnostics', (e) => on.diagnostics?.((data(e) as { diagnostics: Diagnostic[] }).diagnostics));
  source.addEventListener('end', () => source.close());
  // EventSource retries by itself while it is CONNECTING; the page only says so.
  source.addEventListener('error', () => on.connection?.(source.readyState !== EventSource.CLOSED));
  source.addEventListener('open', () => on.connection?.(false));
  return () => source.close();
}
