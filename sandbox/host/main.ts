// The runner host: a child process of the platform that keeps TypeScript, isolated-vm and the
// type checker loaded, and turns jobs into verdicts. Probe Isolates live here, never in the
// web server's own process.
import { detectCapabilities } from '../jail/capabilities.js';
import { WarmJails } from '../run/warm.js';
import { errorResult } from './error-result.js';
import type { HostMessage, JobMessage } from './protocol.js';

const send = (message: HostMessage) => process.send!(message);

detectCapabilities();
// KATABOX_SLOTS lists the slots to keep a jail ready for; empty means every run starts cold.
const slots = (process.env.KATABOX_SLOTS ?? '').split(',').filter(Boolean).map(Number);
const jails = slots.length > 0 ? new WarmJails() : undefined;
for (const slot of slots) jails?.refill(slot);

// The heavy modules (TypeScript, isolated-vm) load while the first jails start.
const [{ runKata }, { loadIvm }, { TypeChecker }] = await Promise.all([
  import('../run/run.js'),
  import('../probe/ivm.js'),
  import('../compile/typecheck.js'),
]);
loadIvm();
const typeChecker = process.env.KATABOX_TYPECHECK === '1' ? new TypeChecker() : undefined;
typeChecker?.warmUp();

process.on('message', (job: JobMessage) => {
  runKata(job.request, { slot: job.slot, typeChecker, jails })
    .catch((err: Error) => errorResult(job.request, `Katabox failed to run the code: ${err.message}`))
    .then((result) => {
      send({ id: job.id, result });
      jails?.refill(job.slot);
    });
});
// The platform is gone: nothing left to run for.
process.on('disconnect', () => void Promise.resolve(jails?.close()).finally(() => process.exit(0)));
send({ ready: true });
