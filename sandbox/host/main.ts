// The runner host: a child process of the platform that keeps esbuild, isolated-vm and jails
// ready, and turns jobs into verdicts, telling each probe's outcome as it comes. Probe Isolates
// live here, never in the web server's own process.
import { detectCapabilities } from '../jail/capabilities.js';
import { closeInheritedDescriptors } from '../jail/descriptors.js';
import { onParentGone } from '../parent-gone.js';
import { Jails } from '../run/jails.js';
import { errorResult, requestError } from '../run/error-result.js';
import type { HostMessage, PoolMessage } from './protocol.js';

// The pool may already have gone (closed before this host was ready): then there is no one to
// tell, and a failed send (EPIPE) must not take this process down before it can clean up.
const send = (message: HostMessage) => {
  if (process.connected) process.send!(message, undefined, {}, () => undefined);
};
// Ctrl+C in the platform's terminal reaches this process too; the platform decides when runs
// end (by disconnecting), so runs in flight still get their verdicts.
process.on('SIGINT', () => undefined);

// Before anything is started: the jails must inherit nothing from whoever started the platform.
closeInheritedDescriptors();
detectCapabilities();
// The jail slots (uids) the pool leased for this host, and how many jails to keep ready.
const slots = (process.env.KATABOX_SLOTS ?? '').split(',').filter(Boolean).map(Number);
const jails = new Jails(slots, Number(process.env.KATABOX_RESERVE ?? 0));

// The platform is gone: nothing left to run for. Listened for before the heavy modules load, since
// a platform stopped at once after starting may go while they load, and would leave this host behind.
// The jails get a few seconds to be killed; a host that outlives its platform helps nobody.
const CLOSE_GRACE_MS = 3000;
onParentGone(() => {
  setTimeout(() => process.exit(0), CLOSE_GRACE_MS).unref();
  void jails.close().finally(() => process.exit(0));
});

// The heavy modules (esbuild, isolated-vm) load while the first jails start.
const [{ runKata }, { sendRequest }, { loadIvm }] = await Promise.all([import('../run/run.js'), import('../request/send.js'), import('../probe/ivm.js')]);
loadIvm();

process.on('message', (job: PoolMessage) => {
  const done = 'run' in job
    ? runKata(job.run, { jails }, (probe) => send({ id: job.id, probe })).catch((err: Error) => errorResult(job.run, `Katabox failed to run the code: ${err.message}`))
    : sendRequest(job.send, { jails }).catch((err: Error) => requestError(job.send, `Katabox failed to send the request: ${err.message}`));
  void done.then((result) => send({ id: job.id, result }));
});
send({ ready: true });
