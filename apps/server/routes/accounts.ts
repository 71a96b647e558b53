// Sign-up (learners), sign-in (everyone with an account), and the admin's list of accounts. Every
// route that changes something on an account's behalf needs the session's CSRF token in x-csrf-token.
import fastifyCsrfProtection from '@fastify/csrf-protection';
import { AccountList, AccountParams, CsrfHeaders, Account as AccountSchema, LoginBody, NewAccount, NoContent, Session, SignUpBody } from '../../contract/index.js';
import { hashPassword, decoyHash, verifyPassword } from '../accounts/passwords.js';
import { requireAdmin, Sessions } from '../accounts/sessions.js';
import { EmailTakenError } from '../accounts/store.js';
import { HttpError, notFound } from '../errors.js';
import { handOverCookieWork } from '../learner.js';
import { RateLimiter } from '../rate-limit.js';
import { errorResponses, type App, type RouteContext } from './context.js';

const wrongCredentials = () => new HttpError(401, 'wrong_credentials', 'Wrong email or password.');

/** Sessions and CSRF tokens for the whole app: the learner's routes know a signed-in learner too. */
export async function sessionSupport(app: App, { store }: Pick<RouteContext, 'store'>): Promise<Sessions> {
  await app.register(fastifyCsrfProtection, { sessionPlugin: '@fastify/session', getToken: (request) => request.headers['x-csrf-token'] as string | undefined });
  app.decorateRequest('account', null);
  app.decorateRequest('session', null);
  return new Sessions(store.accounts);
}

/** The routes a signed-in account uses: `sessions.require`, then CSRF on whatever changes state. */
export function accountScope(app: App): void {
  // In the OpenAPI document, these routes authenticate by the session cookie (login says otherwise itself).
  app.addHook('onRoute', (route) => {
    if (route.schema && !route.schema.security) route.schema.security = [{ sessionCookie: [] }];
  });
}

export async function accountRoutes(app: App, context: RouteContext & { sessions: Sessions }): Promise<void> {
  const { store, sessions, rateLimits } = context;
  const accounts = store.accounts;
  // Per address with room for a shared office, per account (once the body names it) tight enough to stop guessing.
  const perAddress = new RateLimiter({ max: rateLimits.login.max * 3, windowMs: rateLimits.login.windowMs }, 'sign-in attempts from this address');
  const perAccount = new RateLimiter(rateLimits.login, 'sign-in attempts for this account');
  const signUps = new RateLimiter(rateLimits.signUp, 'new accounts from this address');
  const signedIn = { onRequest: sessions.requireAccount };
  const changes = { onRequest: sessions.requireAccount, preHandler: app.csrfProtection };
  const adminChanges = { onRequest: sessions.require, preHandler: [app.csrfProtection, requireAdmin] };

  app.post('/api/login', {
    onRequest: async (request) => perAddress.take(request.ip),
    preHandler: async (request) => perAccount.take(String((request.body as { email?: unknown }).email ?? '').trim().toLowerCase()),
    schema: {
      operationId: 'login',
      summary: 'Sign in; sets the session cookie',
      description: "The learner cookie's drafts and submissions, if the browser has one, move into the account (see `moved`), and the cookie ends.",
      security: [],
      body: LoginBody,
      response: { 200: Session, ...errorResponses(400, 401, 429) },
    },
  }, async (request, reply) => {
    const found = await accounts.findAccount(request.body.email.trim());
    // An unknown email costs the same hash as a wrong password, and answers the same.
    const ok = await verifyPassword(request.body.password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !ok || found.account.disabled) throw wrongCredentials();
    await sessions.start(request, reply, found.account);
    const moved = await handOverCookieWork(store, request, reply, found.account.id);
    return { account: found.account, csrfToken: reply.generateCsrf(), moved };
  });

  app.post('/api/signup', {
    // Counted before the body is read, so invalid attempts use up the allowance too.
    onRequest: async (request) => signUps.take(request.ip),
    schema: {
      operationId: 'signUp',
      summary: "Create a learner account and sign in; the learner cookie's drafts and submissions move into it",
      description: 'Answers 409 when the email has an account already: that much a sign-up cannot hide. Attempts are limited per address, so emails cannot be tried in bulk.',
      security: [],
      body: SignUpBody,
      response: { 201: Session, ...errorResponses(400, 409, 429) },
    },
  }, async (request, reply) => {
    // Hashed before the email is looked at, so a taken email answers no sooner than a new one.
    const passwordHash = await hashPassword(request.body.password);
    let account;
    try {
      account = await accounts.addAccount(request.body.email, 'learner', passwordHash);
    } catch (err) {
      if (err instanceof EmailTakenError) throw new HttpError(409, 'email_taken', 'That email has an account already: sign in instead.');
      throw err;
    }
    await sessions.start(request, reply, account);
    const moved = await handOverCookieWork(store, request, reply, account.id);
    return reply.code(201).send({ account, csrfToken: reply.generateCsrf(), moved });
  });

  app.post('/api/logout', {
    ...changes,
    schema: { operationId: 'logout', summary: 'End this session; a learner goes on with a fresh identity, without the account\'s work', headers: CsrfHeaders, response: { 204: NoContent, ...errorResponses(401, 403) } },
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
  }, async () => ({ accounts: (await accounts.listAccounts()).filter((a) => a.role !== 'learner') }));

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
