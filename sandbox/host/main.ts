// The runner host: a child process of the platform that keeps TypeScript, isolated-vm and the
// type checker loaded, and turns jobs into verdicts. Probe Isolates live here, never in the
// web server's own process.
import { TypeChecker } from '../compile/typecheck.js';
import { detectCapabilities } from '../jail/capabilities.js';
import { loadIvm } from '../probe/ivm.js';
import { runKata } from '../run/run.js';
import { errorResult } from './error-result.js';
import type { HostMessage, JobMessage } from './protocol.js';

const send = (message: HostMessage) => process.send!(message);

loadIvm();
detectCapabilities();
const typeChecker = process.env.KATABOX_TYPECHECK === '0' ? undefined : new TypeChecker();
typeChecker?.warmUp();

process.on('message', (job: JobMessage) => {
  runKata(job.request, { slot: job.slot, typeChecker })
    .catch((err: Error) => errorResult(job.request, `Katabox failed to run the code: ${err.message}`))
    .then((result) => send({ id: job.id, result }));
});
// The platform is gone: nothing left to run for.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
