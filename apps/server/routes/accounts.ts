// Sign-in for interviewers and admins, and the admin's list of accounts. Every route that changes
// something on an account's behalf needs the session's CSRF token in x-csrf-token.
import fastifyCsrfProtection from '@fastify/csrf-protection';
import { AccountList, AccountParams, CsrfHeaders, Account as AccountSchema, LoginBody, NewAccount, NoContent, Session } from '../../contract/index.js';
import { hashPassword, decoyHash, verifyPassword } from '../accounts/passwords.js';
import { requireAdmin, Sessions } from '../accounts/sessions.js';
import { EmailTakenError } from '../accounts/store.js';
import { HttpError, notFound } from '../errors.js';
import { RateLimiter } from '../rate-limit.js';
import { errorResponses, type App, type RouteContext } from './context.js';

const wrongCredentials = () => new HttpError(401, 'wrong_credentials', 'Wrong email or password.');

/** The routes a signed-in account uses: `sessions.require`, then CSRF on whatever changes state. */
export async function accountScope(app: App, { store }: RouteContext): Promise<Sessions> {
  await app.register(fastifyCsrfProtection, { sessionPlugin: '@fastify/session', getToken: (request) => request.headers['x-csrf-token'] as string | undefined });
  app.decorateRequest('account', null);
  app.decorateRequest('session', null);
  // In the OpenAPI document, these routes authenticate by the session cookie (login says otherwise itself).
  app.addHook('onRoute', (route) => {
    if (route.schema && !route.schema.security) route.schema.security = [{ sessionCookie: [] }];
  });
  return new Sessions(store.accounts);
}

export async function accountRoutes(app: App, context: RouteContext & { sessions: Sessions }): Promise<void> {
  const { store, sessions, rateLimits } = context;
  const accounts = store.accounts;
  // Per address with room for a shared office, per account (once the body names it) tight enough to stop guessing.
  const perAddress = new RateLimiter({ max: rateLimits.login.max * 3, windowMs: rateLimits.login.windowMs }, 'sign-in attempts from this address');
  const perAccount = new RateLimiter(rateLimits.login, 'sign-in attempts for this account');
  const signedIn = { onRequest: sessions.require };
  const changes = { onRequest: sessions.require, preHandler: app.csrfProtection };
  const adminChanges = { onRequest: sessions.require, preHandler: [app.csrfProtection, requireAdmin] };

  app.post('/api/login', {
    onRequest: async (request) => perAddress.take(request.ip),
    preHandler: async (request) => perAccount.take(String((request.body as { email?: unknown }).email ?? '').trim().toLowerCase()),
    schema: { operationId: 'login', summary: 'Sign in as an interviewer or admin; sets the session cookie', security: [], body: LoginBody, response: { 200: Session, ...errorResponses(400, 401, 429) } },
  }, async (request, reply) => {
    const found = await accounts.findAccount(request.body.email.trim());
    // An unknown email costs the same hash as a wrong password, and answers the same.
    const ok = await verifyPassword(request.body.password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !ok || found.account.disabled) throw wrongCredentials();
    await sessions.start(request, reply, found.account);
    return { account: found.account, csrfToken: reply.generateCsrf() };
  });

  app.post('/api/logout', {
    ...changes,
    schema: { operationId: 'logout', summary: 'End this session', headers: CsrfHeaders, response: { 204: NoContent, ...errorResponses(401, 403) } },
  }, async (request, reply) => {
    await sessions.end(request, reply);
    return reply.code(204).send(null);
  });

  app.get('/api/session', {
    ...signedIn,
    schema: { operationId: 'getSession', summary: 'Who is signed in, with a CSRF token for this session', response: { 200: Session, ...errorResponses(401) } },
  }, async (request, reply) => ({ account: request.account!, csrfToken: reply.generateCsrf() }));

  app.get('/api/accounts', {
    onRequest: sessions.require,
    preHandler: requireAdmin,
    schema: { operationId: 'listAccounts', summary: 'Every interviewer and admin account (admins only)', response: { 200: AccountList, ...errorResponses(401, 403) } },
  }, async () => ({ accounts: await accounts.listAccounts() }));

  app.post('/api/accounts', {
    ...adminChanges,
    schema: { operationId: 'createAccount', summary: 'Add an interviewer or admin (admins only)', headers: CsrfHeaders, body: NewAccount, response: { 201: AccountSchema, ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => {
    try {
      const account = await accounts.addAccount(request.body.email, request.body.role, await hashPassword(request.body.password));
      return reply.code(201).send(account);
    } catch (err) {
      if (err instanceof EmailTakenError) throw new HttpError(409, 'email_taken', 'That email has an account already.');
      throw err;
    }
  });

  app.post('/api/accounts/:id/disable', {
    ...adminChanges,
    schema: { operationId: 'disableAccount', summary: "Disable an account and end its sessions (admins only); its assignments stay", headers: CsrfHeaders, params: AccountParams, response: { 200: AccountSchema, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => {
    if (request.params.id === request.account!.id) throw new HttpError(409, 'own_account', 'You cannot disable your own account.');
    if (!(await accounts.accountById(request.params.id))) throw notFound('There is no such account.');
    await accounts.disableAccount(request.params.id);
    return (await accounts.accountById(request.params.id))!;
  });
}
