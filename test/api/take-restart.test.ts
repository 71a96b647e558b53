// A server restart in the middle of a timed take: the deadline stays where it was, and the
// draft left at it is still submitted and scored, though no browser is there to ask.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { openStore } from '../../apps/server/storage/open.js';
import { addUser, createAssignment, signedIn } from './accounts.js';
import { Learner, startTestServer } from './server.js';
import { helloCorrect } from './solutions.js';

describe('a restart during a take', () => {
  it('keeps the deadline and still auto-submits the last draft', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-take-restart-'));
    const db = path.join(dir, 'katabox.db');
    try {
      let server = await startTestServer({ db });
      addUser(db, 'ivy@example.test', 'interviewer');
      const ivy = await signedIn(server.url, 'ivy@example.test');
      const { id, token } = await createAssignment(ivy, { minutes: 0.1 });
      const candidate = new Learner(server.url);
      const started = (await candidate.post(`/api/takes/${token}/start`, {})).body;
      assert.equal((await candidate.put(`/api/takes/${token}/katas/hello-server/draft`, { code: helloCorrect })).status, 204);
      await server.close();

      // Down across the deadline: nothing can run the timer meanwhile.
      await sleep(Math.max(0, Date.parse(started.deadlineAt) - Date.now()) + 500);
      server = await startTestServer({ db });
      try {
        const reader = await openStore(db);
        try {
          let best: number | null = null;
          for (let i = 0; i < 150 && best === null; i++) {
            await sleep(200);
            const [latest] = await reader.listSubmissions(`take:${id}`, 'hello-server', 1);
            best = latest?.score ?? null;
          }
          assert.equal(best, 100, 'the draft was submitted after the restart, without any request');
          const record = await reader.assignments.byId(id);
          assert.equal(record?.deadlineAt, started.deadlineAt, 'the deadline did not move');
          assert.ok(record?.finishedAt && Date.parse(record.finishedAt) <= Date.parse(started.deadlineAt));
        } finally {
          await reader.close();
        }
        const again = new Learner(server.url);
        assert.equal((await again.post(`/api/takes/${token}/katas/hello-server/submissions`, { code: helloCorrect })).status, 410);
        assert.equal((await again.get(`/api/takes/${token}`)).body.status, 'finished');
      } finally {
        await server.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
