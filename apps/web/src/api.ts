// The browser's side of the JSON API. Types come from the server's schemas, so both ends agree.
import type { Catalog, CatalogQuery, Draft, KataPage, RunResult, Submission, SubmissionList } from '../../contract';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown, keepalive = false): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    keepalive,
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as ({ error?: string; message?: string } & T) | null;
  if (!response.ok) throw new ApiError(response.status, data?.error ?? 'http_error', data?.message ?? `The server answered ${response.status}.`);
  return data as T;
}

const kataPath = (slug: string) => `/api/katas/${encodeURIComponent(slug)}`;

/** The catalog's filters as a query string ('' when none is set), for the API and the page's own URL. */
export function catalogQueryString(query: CatalogQuery): string {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  return params.size ? `?${params}` : '';
}

export const api = {
  catalog: (query: CatalogQuery) => call<Catalog>('GET', `/api/katas${catalogQueryString(query)}`),
  kata: (slug: string) => call<KataPage>('GET', kataPath(slug)),
  saveDraft: (slug: string, code: string, keepalive = false) => call<Draft>('PUT', `${kataPath(slug)}/draft`, { code }, keepalive),
  deleteDraft: (slug: string) => call<void>('DELETE', `${kataPath(slug)}/draft`),
  run: (slug: string, code: string) => call<RunResult>('POST', `${kataPath(slug)}/run`, { code }),
  submit: (slug: string, code: string) => call<Submission>('POST', `${kataPath(slug)}/submissions`, { code }),
  history: (slug: string) => call<SubmissionList>('GET', `${kataPath(slug)}/submissions`),
  submission: (id: number) => call<Submission>('GET', `/api/submissions/${id}`),
};
