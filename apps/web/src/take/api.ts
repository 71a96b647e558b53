// The candidate's side of the API: every call is authorised by the link's token alone.
import type { LearnerRequest, RequestResult, RunResult, Submission, Take } from '../../../contract';
import { call } from '../api';

export function takeApi(token: string) {
  const base = `/api/takes/${encodeURIComponent(token)}`;
  const kata = (slug: string) => `${base}/katas/${encodeURIComponent(slug)}`;
  return {
    get: () => call<Take>('GET', base),
    start: () => call<Take>('POST', `${base}/start`, {}),
    finish: () => call<Take>('POST', `${base}/finish`, {}),
    saveDraft: (slug: string, code: string, paste: boolean, keepalive = false) => call<void>('PUT', `${kata(slug)}/draft`, { code, paste }, keepalive),
    run: (slug: string, code: string) => call<RunResult>('POST', `${kata(slug)}/run`, { code }),
    sendRequest: (slug: string, code: string, request: LearnerRequest) => call<RequestResult>('POST', `${kata(slug)}/request`, { code, request }),
    submit: (slug: string, code: string) => call<Submission>('POST', `${kata(slug)}/submissions?wait=true`, { code }),
  };
}

export type TakeApi = ReturnType<typeof takeApi>;
