// The storage contract: every test runs against a real SQLite file and a real PostgreSQL, through
// the Store the app uses. Where several processes share one database (PostgreSQL), stores of
// their own on one location stand for them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { RunResult } from '../../apps/contract/index.js';
import { EmailTakenError } from '../../apps/server/accounts/store.js';
import { connect } from '../../apps/server/storage/connect.js';
import { openStore } from '../../apps/server/storage/open.js';
import type { QuotaCheck, Store } from '../../apps/server/storage/store.js';
import { backends } from './backends.js';

const verdict = (status: RunResult['status'], score: number, seed: number, message = ''): RunResult =>
  ({
    kata: 'hello-server',
    kataVersion: 1,
    mode: 'submit',
    status,
    score,
    seed,
    message,
    probes: [{ id: 'status-200', name: 'answers with status 200', passed: status === 'passed', weight: 1, visibility: 'hidden', message, durationMs: 2 }],
    diagnostics: [],
    logs: { stdout: 'prêt ✓', stderr: '', truncated: false },
    timings: { transpileMs: 1, startMs: 2, probesMs: 3, totalMs: 6 },
    isolation: { level: 'full', layers: [] },
  }) as unknown as RunResult;

const newSubmission = (learner: string, code = '// code', kata = 'hello-server', seed = 1) => ({ learner, kata, kataVersion: 1, code, seed });

/** Runs `body` with `n` stores open on one fresh location, closing them after. */
async function withStores(location: string, n: number, body: (...stores: Store[]) => Promise<void>): Promise<void> {
  const stores = await Promise.all(Array.from({ length: n }, () => openStore(location)));
  try {
    await body(...stores);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
}

for (const backend of backends) {
  const withStore = async (body: (store: Store, location: string) => Promise<void>) => {
    const location = await backend.fresh();
    await withStores(location, 1, (store) => body(store, location));
  };

  describe(`storage on ${backend.name}`, () => {
    it('keeps one draft per learner and kata, overwritten by the next save, gone when deleted', () =>
      withStore(async (store) => {
        assert.equal(await store.getDraft('ann', 'hello-server'), null);
        const first = await store.saveDraft('ann', 'hello-server', '// one — café');
        assert.deepEqual(await store.getDraft('ann', 'hello-server'), first);
        const second = await store.saveDraft('ann', 'hello-server', '// two');
        assert.equal((await store.getDraft('ann', 'hello-server'))?.code, '// two');
        assert.ok(second.updatedAt >= first.updatedAt);
        await store.saveDraft('ann', 'parse-url', '// other kata');
        assert.equal(await store.getDraft('bob', 'hello-server'), null, 'another learner sees none');
        await store.deleteDraft('ann', 'hello-server');
        assert.equal(await store.getDraft('ann', 'hello-server'), null);
        assert.equal((await store.getDraft('ann', 'parse-url'))?.code, '// other kata');
      }));

    it('stores a submission as queued, lists it newest first, and shows it to its owner only', () =>
      withStore(async (store) => {
        const a = await store.addSubmission(newSubmission('ann', '// first', 'hello-server', 2 ** 32 - 1));
        const b = await store.addSubmission(newSubmission('ann', '// second'));
        await store.addSubmission(newSubmission('ann', '// other kata', 'parse-url'));
        assert.equal(a.status, 'queued');
        assert.equal(a.result, null);
        assert.match(a.id, /^[A-Za-z0-9_-]{16}$/);
        assert.notEqual(a.id, b.id);
        assert.deepEqual((await store.listSubmissions('ann', 'hello-server', 10)).map((s) => s.id), [b.id, a.id]);
        assert.deepEqual((await store.listSubmissions('ann', 'hello-server', 1)).map((s) => s.id), [b.id]);
        assert.deepEqual(await store.listSubmissions('bob', 'hello-server', 10), []);
        assert.equal((await store.getSubmission('ann', a.id))?.code, '// first');
        assert.equal(await store.getSubmission('bob', a.id), undefined, 'someone else\'s submission is not found');
        const unfinished = await store.unfinishedSubmissions();
        assert.deepEqual(unfinished.map((s) => s.code), ['// first', '// second', '// other kata'], 'oldest first');
        assert.deepEqual(unfinished[0], { id: a.id, learner: 'ann', kata: 'hello-server', kataVersion: 1, code: '// first', seed: 2 ** 32 - 1 }, 'the largest seed comes back whole');
        await store.fixSeed(a.id, 5);
        assert.equal((await store.unfinishedSubmissions())[0]?.seed, 2 ** 32 - 1, 'a seed once set is kept');
        await store.deleteSubmission(b.id);
        assert.equal(await store.getSubmission('ann', b.id), undefined);
      }));

    it('records a verdict once, keeps type errors beside it, and no longer lists the row as unfinished', () =>
      withStore(async (store) => {
        const s = await store.addSubmission(newSubmission('ann'));
        const stored = await store.finishSubmission(s.id, verdict('failed', 40, 1, 'first'));
        assert.equal(stored?.status, 'failed');
        assert.equal(stored?.score, 40);
        assert.ok(stored?.finishedAt);
        assert.equal(await store.finishSubmission(s.id, verdict('passed', 100, 1, 'second')), undefined, 'a second verdict is refused');
        await store.addTypeDiagnostics(s.id, [{ line: 1, column: 2, message: "Cannot find name 'htp'.", severity: 'error', kind: 'type' } as never]);
        const read = await store.getSubmission('ann', s.id);
        assert.equal(read?.result?.message, 'first');
        assert.equal(read?.result?.logs.stdout, 'prêt ✓');
        assert.deepEqual(read?.result?.diagnostics.map((d) => d.message), ["Cannot find name 'htp'."]);
        assert.deepEqual(await store.unfinishedSubmissions(), []);
      }));

    it('finishes each submission exactly once when several writers race to record it', async () => {
      await withStores(await backend.fresh(), backend.sharers, async (...stores) => {
        const subs = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[0]!.addSubmission(newSubmission('ann', `// ${i}`))));
        const writers = [0, 1, 2].map((k) => stores[k % stores.length]!);
        const outcomes = await Promise.all(subs.map((s) => Promise.all(writers.map((store, k) => store.finishSubmission(s.id, verdict('failed', k, 1, `writer ${k}`))))));
        for (const [i, outcome] of outcomes.entries()) {
          const winners = outcome.filter((row) => row !== undefined);
          assert.equal(winners.length, 1, `submission ${i}: one writer won`);
          const kept = await stores.at(-1)!.getSubmission('ann', subs[i]!.id);
          assert.equal(kept?.result?.message, winners[0]!.result!.message, 'what is stored is what the winner was told');
        }
      });
    });

    it('gives every submission its own id when they are added at once', async () => {
      await withStores(await backend.fresh(), backend.sharers, async (one, two = one) => {
        const added = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two).addSubmission(newSubmission('ann', `// ${i}`))));
        assert.equal(new Set(added.map((s) => s.id)).size, 60);
        const listed = await one.listSubmissions('ann', 'hello-server', 100);
        assert.equal(listed.length, 60);
        assert.deepEqual(new Set(listed.map((s) => s.id)), new Set(added.map((s) => s.id)));
      });
    });

    it('lets no two racing writes pass a quota that has room for one more', async () => {
      await withStores(await backend.fresh(), backend.sharers, async (one, two = one) => {
        const limit = 5;
        const quota: QuotaCheck = {
          since: new Date(Date.now() - 3600_000).toISOString(),
          check(usage) {
            if (usage.kataSubmissionsSince >= limit) throw new Error('quota');
          },
        };
        await one.addSubmission(newSubmission('ann'), quota);
        const tries = await Promise.allSettled(Array.from({ length: 24 }, (_, i) => (i % 2 ? one : two).addSubmission(newSubmission('ann', `// ${i}`), quota)));
        assert.equal(tries.filter((t) => t.status === 'fulfilled').length, limit - 1);
        assert.ok(tries.filter((t) => t.status === 'rejected').every((t) => (t as PromiseRejectedResult).reason.message === 'quota'));
        assert.equal((await two.listSubmissions('ann', 'hello-server', 100)).length, limit);
        // Another learner's quota is their own.
        await two.addSubmission(newSubmission('bob'), quota);
        // Drafts: the count of katas with one, checked the same way.
        const drafts: QuotaCheck = {
          since: new Date().toISOString(),
          check(usage) {
            if (usage.kataDraftBytes === null && usage.drafts >= 3) throw new Error('drafts');
          },
        };
        const saves = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).saveDraft('ann', `kata-${i}`, '// x', drafts)));
        assert.equal(saves.filter((t) => t.status === 'fulfilled').length, 3);
        assert.equal((await one.usage('ann', 'kata-0', quota.since)).drafts, 3);
      });
    });

    it('keeps a practice timer per learner and kata, the time a submission took, and hands a learner their whole history', () =>
      withStore(async (store) => {
        assert.equal(await store.practiceStart('ann', 'hello-server'), null);
        await store.startPractice('ann', 'hello-server', '2026-01-01T10:00:00.000Z');
        await store.startPractice('ann', 'hello-server', '2026-01-01T11:00:00.000Z');
        assert.equal(await store.practiceStart('ann', 'hello-server'), '2026-01-01T11:00:00.000Z', 'a restart replaces the start');
        assert.equal(await store.practiceStart('bob', 'hello-server'), null);
        const timed = await store.addSubmission({ ...newSubmission('ann', '// timed'), timeTakenSeconds: 663 });
        const untimed = await store.addSubmission(newSubmission('ann', '// untimed', 'parse-url'));
        await store.addSubmission(newSubmission('bob', '// not ann\'s'));
        await store.stopPractice('ann', 'hello-server');
        assert.equal(await store.practiceStart('ann', 'hello-server'), null);
        await store.finishSubmission(timed.id, verdict('passed', 100, 1));
        await store.saveDraft('ann', 'parse-url', '// draft');
        assert.equal((await store.listSubmissions('ann', 'hello-server', 1))[0]?.timeTakenSeconds, 663);
        const history = await store.learnerHistory('ann');
        assert.deepEqual(history.submissions.map((s) => [s.code, s.timeTakenSeconds, s.status]), [['// timed', 663, 'passed'], ['// untimed', null, 'queued']]);
        assert.equal(history.submissions[0]?.result?.score, 100);
        assert.equal(history.submissions[1]?.id, untimed.id);
        assert.deepEqual(history.drafts.map((d) => [d.kata, d.code]), [['parse-url', '// draft']]);
        assert.deepEqual(await store.learnerHistory('carol'), { submissions: [], drafts: [] });
      }));

    it('counts what a learner stored, in UTF-8 bytes, and their activity per kata', () =>
      withStore(async (store) => {
        const since = new Date(Date.now() - 1000).toISOString();
        assert.deepEqual(await store.usage('ann', 'hello-server', since), { drafts: 0, kataDraftBytes: null, kataSubmissionsSince: 0, bytes: 0 });
        await store.saveDraft('ann', 'hello-server', 'é'); // 2 bytes
        await store.saveDraft('ann', 'parse-url', 'abc');
        const s = await store.addSubmission(newSubmission('ann', '☕')); // 3 bytes
        let usage = await store.usage('ann', 'hello-server', since);
        assert.deepEqual(usage, { drafts: 2, kataDraftBytes: 2, kataSubmissionsSince: 1, bytes: 2 + 3 + 3 });
        const result = verdict('passed', 100, 1);
        await store.finishSubmission(s.id, result);
        usage = await store.usage('ann', 'hello-server', new Date(Date.now() + 1000).toISOString());
        assert.equal(usage.kataSubmissionsSince, 0, 'only submissions since the time asked about');
        assert.equal(usage.bytes, 2 + 3 + 3 + Buffer.byteLength(JSON.stringify(result)));
        const failed = await store.addSubmission(newSubmission('ann', '// wrong', 'parse-url'));
        await store.finishSubmission(failed.id, verdict('failed', 30, 1));
        await store.addSubmission(newSubmission('ann', '// queued', 'parse-url'));
        await store.saveDraft('ann', 'mini-router', '// started');
        const activity = new Map((await store.activity('ann')).map((a) => [a.kata, a]));
        assert.deepEqual(activity.get('hello-server'), { kata: 'hello-server', submissions: 1, bestScore: 100, solved: true });
        assert.deepEqual(activity.get('parse-url'), { kata: 'parse-url', submissions: 1, bestScore: 30, solved: false }, 'a queued one does not count');
        assert.deepEqual(activity.get('mini-router'), { kata: 'mini-router', submissions: 0, bestScore: null, solved: false });
        assert.deepEqual(await store.activity('bob'), []);
      }));

    it('keeps the first bundle of each kata version that ran', () =>
      withStore(async (store) => {
        await store.keepKataVersion({ slug: 'hello-server', version: 1, hash: 'h1', probes: '// probes v1', limits: { wallMs: 5000 } } as never);
        await store.keepKataVersion({ slug: 'hello-server', version: 1, hash: 'other', probes: '// changed' } as never);
        await store.keepKataVersion({ slug: 'hello-server', version: 2, hash: 'h2', probes: '// probes v2' } as never);
        assert.deepEqual(await store.kataVersion('hello-server', 1), { slug: 'hello-server', version: 1, hash: 'h1', probes: '// probes v1', limits: { wallMs: 5000 } });
        assert.deepEqual(await store.kataVersion('hello-server', 2), { slug: 'hello-server', version: 2, hash: 'h2', probes: '// probes v2' });
        assert.equal(await store.kataVersion('hello-server', 3), undefined);
      }));

    it('makes the cookie secret once, the same for every process, and honours an unsigned learner id for a minute', async () => {
      const location = await backend.fresh();
      let secret = '';
      await withStores(location, backend.sharers, async (...stores) => {
        const secrets = await Promise.all(stores.map((s) => s.signingSecret()));
        assert.equal(new Set(secrets).size, 1);
        secret = secrets[0]!;
        assert.ok(secret.length >= 32);
        const [store] = stores as [Store];
        assert.equal(await store.claimLearner('nobody'), false, 'an id with nothing stored is no identity');
        await store.saveDraft('old', 'hello-server', '// mine');
        assert.equal(await store.claimLearner('old'), true);
        assert.equal(await store.claimLearner('old'), true, 'within the minute');
        const { db } = connect(location);
        await db.updateTable('claimed_learners').set({ claimed_at: new Date(Date.now() - 120_000).toISOString() }).execute();
        await db.destroy();
        assert.equal(await store.claimLearner('old'), false, 'not after it');
      });
      await withStores(location, 1, async (store) => assert.equal(await store.signingSecret(), secret, 'the same after a restart'));
    });

    it('keeps accounts (one per email in any case) and their sessions, which a new password or disabling ends', () =>
      withStore(async (store) => {
        const { accounts } = store;
        const ivy = await accounts.addAccount('Ivy@Example.test', 'interviewer', 'hash-1');
        await assert.rejects(accounts.addAccount('ivy@example.TEST', 'admin', 'hash-2'), EmailTakenError);
        const ada = await accounts.addAccount('ada@example.test', 'admin', 'hash-3');
        assert.deepEqual((await accounts.listAccounts()).map((a) => a.email).sort(), ['Ivy@Example.test', 'ada@example.test'].sort());
        const found = await accounts.findAccount('IVY@example.test');
        assert.equal(found?.account.id, ivy.id);
        assert.equal(found?.passwordHash, 'hash-1');
        assert.deepEqual(await accounts.accountById(ada.id), ada);
        const later = new Date(Date.now() + 3600_000).toISOString();
        const now = new Date().toISOString();
        await accounts.addSession('s-ivy', ivy.id, 'csrf-ivy', later);
        await accounts.addSession('s-ivy-2', ivy.id, 'csrf-ivy-2', later);
        await accounts.addSession('s-ada', ada.id, 'csrf-ada', later);
        await accounts.addSession('s-old', ada.id, 'csrf-old', new Date(Date.now() - 1000).toISOString());
        assert.deepEqual(await accounts.session('s-ivy', now), { account: ivy, csrfSecret: 'csrf-ivy' });
        assert.equal(await accounts.session('s-old', now), undefined, 'expired');
        assert.equal(await accounts.session('s-ivy', new Date(Date.now() + 7200_000).toISOString()), undefined, 'expired later');
        await accounts.deleteSession('s-ivy-2');
        assert.equal(await accounts.session('s-ivy-2', now), undefined);
        await accounts.setPassword(ivy.id, 'hash-new');
        assert.equal((await accounts.findAccount('ivy@example.test'))?.passwordHash, 'hash-new');
        assert.equal(await accounts.session('s-ivy', now), undefined, 'a new password ends the sessions');
        assert.ok(await accounts.session('s-ada', now), 'other accounts keep theirs');
        await accounts.disableAccount(ada.id);
        assert.equal(await accounts.session('s-ada', now), undefined);
        assert.equal((await accounts.accountById(ada.id))?.disabled, true);
      }));

    it('keeps learner accounts beside the others, and no role it does not know', () =>
      withStore(async (store) => {
        const lee = await store.accounts.addAccount('lee@example.test', 'learner', 'hash');
        assert.equal(lee.role, 'learner');
        assert.deepEqual((await store.accounts.findAccount('LEE@example.test'))?.account, lee);
        await assert.rejects(store.accounts.addAccount('eve@example.test', 'owner' as 'learner', 'hash'), /check/i);
      }));

    it("moves a learner's drafts and submissions to another at once; a kata with a draft on both sides keeps what combine makes of them", () =>
      withStore(async (store) => {
        await store.saveDraft('account:lee', 'hello-server', '// older, in the account');
        await store.saveDraft('account:lee', 'read-json-body', '// the account only');
        await new Promise((resolve) => setTimeout(resolve, 5));
        await store.saveDraft('cookie', 'hello-server', '// newer, in the cookie');
        await store.saveDraft('cookie', 'parse-url', '// the cookie only');
        await store.saveDraft('cookie', 'query-string', '// the same on both sides');
        await store.saveDraft('account:lee', 'query-string', '// the same on both sides');
        const first = await store.addSubmission(newSubmission('cookie', '// one'));
        const second = await store.addSubmission(newSubmission('cookie', '// two'));
        await store.addSubmission(newSubmission('someone else'));
        await store.startPractice('cookie', 'parse-url', '2026-01-01T10:00:00.000Z');
        await store.startPractice('cookie', 'hello-server', '2026-01-01T10:00:00.000Z');
        await store.startPractice('account:lee', 'hello-server', '2026-01-01T09:00:00.000Z');
        const pairs: string[] = [];
        const moved = await store.moveLearnerWork('cookie', 'account:lee', (newer, older) => {
          pairs.push(`${newer.code} | ${older.code}`);
          return newer.code === older.code ? newer.code : `${newer.code}\n${older.code}`;
        });
        assert.deepEqual(moved, { drafts: 3, submissions: 2, combined: ['hello-server'] });
        assert.deepEqual(pairs.sort(), ['// newer, in the cookie | // older, in the account', '// the same on both sides | // the same on both sides']);
        assert.equal((await store.getDraft('account:lee', 'hello-server'))?.code, '// newer, in the cookie\n// older, in the account');
        assert.equal((await store.getDraft('account:lee', 'parse-url'))?.code, '// the cookie only');
        assert.equal((await store.getDraft('account:lee', 'read-json-body'))?.code, '// the account only');
        assert.equal((await store.getDraft('account:lee', 'query-string'))?.code, '// the same on both sides');
        for (const kata of ['hello-server', 'parse-url', 'query-string']) assert.equal(await store.getDraft('cookie', kata), null, `${kata}: moved, not copied`);
        assert.deepEqual((await store.listSubmissions('account:lee', 'hello-server', 10)).map((s) => s.id), [second.id, first.id], 'in their order');
        assert.deepEqual(await store.listSubmissions('cookie', 'hello-server', 10), []);
        assert.equal((await store.listSubmissions('someone else', 'hello-server', 10)).length, 1, 'nobody else is touched');
        assert.equal(await store.practiceStart('account:lee', 'parse-url'), '2026-01-01T10:00:00.000Z', "the browser's timer runs on in the account");
        assert.equal(await store.practiceStart('account:lee', 'hello-server'), '2026-01-01T09:00:00.000Z', "the account's own timer stays");
        assert.equal(await store.practiceStart('cookie', 'parse-url'), null);
        assert.deepEqual(await store.moveLearnerWork('cookie', 'account:lee', () => assert.fail('nothing to combine')), { drafts: 0, submissions: 0, combined: [] });
      }));

    it('keeps assignments with their clock, what the candidate did, and the review; a start or finish counts once', async () => {
      await withStores(await backend.fresh(), backend.sharers, async (store, other = store) => {
        const ivy = await store.accounts.addAccount('ivy@example.test', 'interviewer', 'h');
        const rita = await store.accounts.addAccount('rita@example.test', 'interviewer', 'h');
        const fields = { candidateName: 'Casey', candidateEmail: null, instructions: 'Bonne chance — go', katas: ['hello-server', 'parse-url'], minutes: 30, linkExpiresAt: '2099-01-01T00:00:00.000Z' };
        const a = await store.assignments.addAssignment({ ...fields, ownerId: ivy.id, tokenHash: 'token-a' });
        const b = await store.assignments.addAssignment({ ...fields, ownerId: rita.id, tokenHash: 'token-b', candidateEmail: 'bo@example.test' });
        assert.equal(a.ownerEmail, 'ivy@example.test');
        assert.deepEqual(a.katas, ['hello-server', 'parse-url']);
        assert.equal(a.notes, '');
        assert.deepEqual(await store.assignments.byToken('token-a'), a);
        assert.equal(await store.assignments.byToken('nope'), undefined);
        assert.deepEqual((await store.assignments.list()).map((x) => x.id), [b.id, a.id], 'newest first');
        assert.deepEqual((await store.assignments.list(ivy.id)).map((x) => x.id), [a.id]);
        await store.assignments.markOpened(a.id, '2026-12-01T10:00:00.000Z');
        await store.assignments.markOpened(a.id, '2026-12-01T11:00:00.000Z');
        assert.equal((await store.assignments.byId(a.id))?.openedAt, '2026-12-01T10:00:00.000Z', 'the first opening stays');
        await store.assignments.setMinutes(a.id, 45);
        const starts = await Promise.all([store, other, store, other].map((s, i) => s.assignments.start(a.id, `2026-12-01T10:0${i}:00.000Z`, '2026-12-01T10:45:00.000Z')));
        assert.deepEqual(starts.filter(Boolean).length, 1, 'started once');
        await store.assignments.setMinutes(a.id, 90);
        assert.equal((await store.assignments.byId(a.id))?.minutes, 45, 'a started take keeps its limit');
        await store.assignments.setDeadline(a.id, '2026-12-01T10:55:00.000Z');
        assert.deepEqual((await store.assignments.running()).map((x) => x.id), [a.id]);
        await store.assignments.saveDraft(a.id, 'hello-server', '// one', '2026-12-01T10:05:00.000Z');
        await store.assignments.saveDraft(a.id, 'hello-server', '// two', '2026-12-01T10:06:00.000Z');
        await store.assignments.saveDraft(a.id, 'parse-url', '// p', '2026-12-01T10:07:00.000Z');
        assert.deepEqual(await store.assignments.drafts(a.id), new Map([['hello-server', '// two'], ['parse-url', '// p']]));
        assert.deepEqual(await store.assignments.drafts(b.id), new Map());
        for (const [i, kind] of (['edit', 'paste', 'run'] as const).entries()) await store.assignments.addSnapshot(a.id, { kata: 'hello-server', at: `2026-12-01T10:1${i}:00.000Z`, kind, code: `// ${kind}` });
        await store.assignments.addSnapshot(a.id, { kata: 'parse-url', at: '2026-12-01T10:20:00.000Z', kind: 'edit', code: '// p' });
        assert.deepEqual((await store.assignments.snapshots(a.id, 'hello-server')).map((s) => s.kind), ['edit', 'paste', 'run']);
        await store.assignments.addRun(a.id, { kata: 'hello-server', at: '2026-12-01T10:12:00.000Z', status: 'failed', score: 50 });
        await store.assignments.addRun(a.id, { kata: 'hello-server', at: '2026-12-01T10:13:00.000Z', status: 'passed', score: 100 });
        assert.deepEqual(await store.assignments.runs(a.id), [
          { kata: 'hello-server', at: '2026-12-01T10:12:00.000Z', status: 'failed', score: 50 },
          { kata: 'hello-server', at: '2026-12-01T10:13:00.000Z', status: 'passed', score: 100 },
        ]);
        const finishes = await Promise.all([store, other].map((s) => s.assignments.finish(a.id, '2026-12-01T10:40:00.000Z')));
        assert.deepEqual(finishes.filter(Boolean).length, 1, 'finished once');
        assert.equal(await store.assignments.cancel(a.id, '2026-12-01T10:41:00.000Z'), false, 'a finished take cannot be cancelled');
        assert.deepEqual((await store.assignments.awaitingAutoSubmit()).map((x) => x.id), [a.id]);
        await store.assignments.markAutoSubmitted(a.id, '2026-12-01T10:40:05.000Z');
        assert.deepEqual(await store.assignments.awaitingAutoSubmit(), []);
        assert.equal(await store.assignments.cancel(b.id, '2026-12-01T10:42:00.000Z'), true);
        assert.equal(await store.assignments.start(b.id, '2026-12-01T10:43:00.000Z', '2026-12-01T11:00:00.000Z'), false, 'a cancelled take does not start');
        await store.assignments.review(a.id, 'Clear code.', 3, 'yes');
        const done = await other.assignments.byId(a.id);
        assert.deepEqual(
          { notes: done?.notes, rating: done?.rating, recommendation: done?.recommendation, deadlineAt: done?.deadlineAt, finishedAt: done?.finishedAt, autoSubmittedAt: done?.autoSubmittedAt },
          { notes: 'Clear code.', rating: 3, recommendation: 'yes', deadlineAt: '2026-12-01T10:55:00.000Z', finishedAt: '2026-12-01T10:40:00.000Z', autoSubmittedAt: '2026-12-01T10:40:05.000Z' },
        );
        assert.deepEqual(await store.assignments.running(), []);
      });
    });

    it('applies its migrations once, also when several processes start on a new database at once', async () => {
      const location = await backend.fresh();
      const stores = await Promise.all([openStore(location), openStore(location), openStore(location)]);
      await Promise.all(stores.map((s) => s.close()));
      const { db } = connect(location);
      try {
        const rows = await db.selectFrom('kysely_migration' as never).select(sql<string>`name`.as('name')).execute();
        assert.equal(rows.length, 8);
        assert.equal(new Set(rows.map((r) => r.name)).size, 8);
      } finally {
        await db.destroy();
      }
    });
  });
}
