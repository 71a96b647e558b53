// The signed-in interviewer's or admin's side of the API. Every change carries the session's
// CSRF token, which the server hands out on sign-in and with the session.
import type { Account, AccountList, AssignmentDetail, Replay, ReviewBody, RunResult, AssignmentList, AssignmentQuery, AssignmentSummary, CreatedAssignment, NewAccount, NewAssignment, Session } from '../../../contract';
import { ApiError, call, catalogQueryString } from '../api';

let csrfToken = '';

/** The session, or null when nobody is signed in. */
export async function currentSession(): Promise<Session | null> {
  try {
    const session = await call<Session>('GET', '/api/session');
    csrfToken = session.csrfToken;
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function change<T>(method: string, path: string, body?: unknown): Promise<T> {
  return call<T>(method, path, body, false, { 'x-csrf-token': csrfToken });
}

export const staffApi = {
  async login(email: string, password: string): Promise<Session> {
    const session = await call<Session>('POST', '/api/login', { email, password });
    csrfToken = session.csrfToken;
    return session;
  },
  logout: () => change<void>('POST', '/api/logout'),
  accounts: () => call<AccountList>('GET', '/api/accounts'),
  addAccount: (account: NewAccount) => change<Account>('POST', '/api/accounts', account),
  disableAccount: (id: string) => change<Account>('POST', `/api/accounts/${encodeURIComponent(id)}/disable`),
  createAssignment: (assignment: NewAssignment) => change<CreatedAssignment>('POST', '/api/assignments', assignment),
  assignments: (query: AssignmentQuery) => call<AssignmentList>('GET', `/api/assignments${catalogQueryString(query)}`),
  extend: (id: string, minutes: number) => change<AssignmentSummary>('POST', `${assignmentPath(id)}/extend`, { minutes }),
  cancel: (id: string) => change<AssignmentSummary>('POST', `${assignmentPath(id)}/cancel`),
  assignment: (id: string) => call<AssignmentDetail>('GET', assignmentPath(id)),
  replay: (id: string, slug: string) => call<Replay>('GET', `${assignmentPath(id)}/katas/${encodeURIComponent(slug)}/replay`),
  review: (id: string, review: ReviewBody) => change<AssignmentDetail>('PUT', `${assignmentPath(id)}/review`, review),
  rerun: (id: string, submission: string) => change<RunResult>('POST', `${assignmentPath(id)}/submissions/${encodeURIComponent(submission)}/rerun`),
};

export const assignmentPath = (id: string) => `/api/assignments/${encodeURIComponent(id)}`;
