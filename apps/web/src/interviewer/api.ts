// The signed-in interviewer's or admin's side of the API. Every change carries the session's
// CSRF token (call() adds it), which the server hands out on sign-in and with the session.
import type { Account, AccountList, AssignmentDetail, Replay, ReviewBody, RunResult, AssignmentList, AssignmentQuery, AssignmentSummary, CreatedAssignment, NewAccount, NewAssignment } from '../../../contract';
import { accountApi, call, catalogQueryString } from '../api';

export { currentSession } from '../api';

const change = <T>(method: string, path: string, body?: unknown): Promise<T> => call<T>(method, path, body);

export const staffApi = {
  login: accountApi.login,
  logout: accountApi.logout,
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
