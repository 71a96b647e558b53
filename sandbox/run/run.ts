// One run, start to verdict: transpile → jailed process → listen → probes → result.
import crypto from 'node:crypto';
import { transpile } from '../compile/transpile.js';
import type { CandidateProcess, IsolationMode } from '../jail/candidate.js';
import type { KataBundle } from '../kata/bundle.js';
import { mergeLimits, type Limits } from '../limits.js';
import { CRASH_GRACE_MS } from '../probe/bridge.js';
import { ProbeScriptError, type ProbeSession } from '../probe/session.js';
import type { ProbeInfo } from '../probe/runtime.js';
import type { ProbeOutcome, RunMode, RunResult, RunStatus } from '../result.js';
import { bounded } from './bound.js';
import { awaitListening, delay } from './listen.js';
import { errorResult } from './error-result.js';
import { compiledProbes } from './probes-cache.js';
import { joinLogs, MAX_RESTARTS, MAX_RETRIES, restartServer, retire } from './restart.js';
import type { Jails, Prepared } from './jails.js';
import { exitReason, outputNote, score, summary } from './verdict.js';

/**
 * One run as the runner host receives it: plain data, no host paths. The verdict keeps every
 * detail of every probe, hidden ones included; what a viewer may see is decided by whoever
 * shows it.
 */
export interface RunRequest {
  bundle: KataBundle;
  code: string;
  mode: RunMode;
  /** Replays a run's inputs exactly; a fresh random seed otherwise. */
  seed?: number;
  /** The operator's limit overrides, applied over the kata's. */
  limits?: Partial<Limits>;
  isolation?: IsolationMode;
}

export interface RunEnvironment {
  jails: Jails;
}

/** Called as each probe finishes, in order, before the verdict. */
export type ProbeListener = (probe: ProbeOutcome) => void;

const elapsed = (since: number) => Math.round(performance.now() - since);

function notRun(info: ProbeInfo, reason: string): ProbeOutcome {
  return { id: info.id, name: info.name, passed: false, weight: info.weight, visibility: info.visibility, message: `not run: ${reason}`, durationMs: 0 };
}

export async function runKata(request: RunRequest, env: RunEnvironment, onProbe: ProbeListener = () => undefined): Promise<RunResult> {
  const started = performance.now();
  const { bundle } = request;
  const limits = mergeLimits(bundle.limits, request.limits);
  const seed = request.seed ?? crypto.randomInt(0, 2 ** 32);
  const result: RunResult = { ...errorResult(request, ''), seed };
  const record = (probe: ProbeOutcome) => {
    result.probes.push(probe);
    onProbe(probe);
  };
  const finish = (status: RunStatus, detail: string): RunResult => {
    result.status = status;
    result.score = score(result.probes);
    result.message = summary(status, result.probes, detail) + outputNote(result.logs.truncated, limits);
    result.timings.totalMs = elapsed(started);
    return bounded(result);
  };

  const compiled = await transpile(request.code);
  result.timings.transpileMs = elapsed(started);
  result.diagnostics = compiled.diagnostics;
  if (compiled.diagnostics.some((d) => d.severity === 'error')) {
    const first = compiled.diagnostics[0]!;
    return finish('compile_error', `The code does not compile: line ${first.line}, column ${first.column}: ${first.message}`);
  }

  let prepared: Prepared | undefined;
  let candidate: CandidateProcess | undefined;
  let session: ProbeSession | undefined;
  let wallTimer: NodeJS.Timeout | undefined;
  try {
    const probesJs = await compiledProbes(bundle);
    const startAt = performance.now();
    prepared = await env.jails.take(limits, request.isolation ?? 'auto');
    candidate = prepared.proc;
    session = prepared.session;
    const proc = candidate;
    result.isolation = proc.isolation;
    proc.send(compiled);
    const wall = new Promise<'wall'>((resolve) => {
      wallTimer = setTimeout(() => resolve('wall'), Math.max(0, limits.wallMs - elapsed(started)));
    });
    const infos = await session.load(probesJs);
    const selected = infos.map((info, index) => ({ info, index })).filter(({ info }) => request.mode === 'submit' || info.visibility === 'sample');

    const failed = await awaitListening(proc, limits, wall);
    result.timings.startMs = elapsed(startAt);
    if (failed) {
      result.logs = proc.logs();
      for (const { info } of selected) record(notRun(info, 'the server never listened'));
      return finish(failed.status, failed.detail);
    }

    const probesAt = performance.now();
    let stopped: 'wall' | 'crashed' | undefined;
    /** The server being probed: the first, or a restarted one once the one before had stopped. */
    let live = { proc, session };
    /** Servers started after the first: restarts between probes, and second tries (below). */
    let restarts = 0;
    let retries = 0;
    /** Why a server first stopped without a probe's signal asking it to. */
    let crash: string | undefined;
    const earlierLogs: RunResult['logs'][] = [];
    /** The probe being tried again: it met a server that died, perhaps of an earlier request. */
    let again: number | undefined;
    let firstTry: ProbeOutcome | undefined;
    for (let at = 0; at < selected.length; at++) {
      const { info, index } = selected[at]!;
      if (!stopped && !live.proc.alive) {
        const exit = await live.proc.kill();
        const logs = live.proc.logs();
        if (live.proc.signalled === undefined) crash ??= exitReason(exit, logs.stderr, limits);
        const allowed = again === at ? retries <= MAX_RETRIES : restarts - retries < MAX_RESTARTS;
        const next = allowed ? await restartServer(env.jails, limits, request.isolation ?? 'auto', compiled, probesJs, wall) : undefined;
        if (next === 'wall') {
          stopped = 'wall';
        } else if (next) {
          earlierLogs.push(logs);
          retire(env.jails, prepared!);
          prepared = next;
          candidate = next.proc;
          session = next.session;
          live = next;
          restarts++;
        } else {
          stopped = 'crashed';
        }
      }
      if (stopped) {
        record(notRun(info, stopped === 'wall' ? 'the wall-clock limit was reached' : `the server process had exited${restarts > 0 ? `, after ${restarts} restart${restarts > 1 ? 's' : ''}` : ''}`));
        continue;
      }
      const outcome = await Promise.race([live.session.run(index, info, seed), wall]);
      if (outcome === 'wall') {
        stopped = 'wall';
        record({ ...notRun(info, ''), message: `stopped: wall-clock limit of ${limits.wallMs / 1000} s reached`, durationMs: elapsed(probesAt) });
        continue;
      }
      const message = outcome.passed ? outcome.notes.join('\n') : [outcome.message, ...outcome.notes].join('\n');
      const probe: ProbeOutcome = { id: info.id, name: info.name, passed: outcome.passed, weight: info.weight, visibility: info.visibility, message, durationMs: outcome.durationMs, exchanges: outcome.exchanges, ...(restarts > 0 ? { restarted: true as const } : {}) };
      // A crash shows on the probe's socket a moment before the process's exit is reported: after
      // a request that got no response, wait a moment for it, so the next probe finds out.
      if (!outcome.passed && outcome.exchanges.some((e) => e.response === null)) {
        await Promise.race([live.proc.exited, delay(CRASH_GRACE_MS, undefined)]);
        // A server can die of one request after answering it, and the next probe then meets a
        // dying process: that probe runs once more, on the restarted server, to be judged on its own.
        if (!live.proc.alive && live.proc.signalled === undefined && again !== at && retries < MAX_RETRIES) {
          retries++;
          firstTry = probe;
          again = at--;
          continue;
        }
      }
      // Failing again on a fresh server, the probe crashed it itself: its first try is the one to show.
      record(again === at && !probe.passed && firstTry ? firstTry : probe);
      firstTry = undefined;
    }
    result.timings.probesMs = elapsed(probesAt);
    // A crash shows on the probe's socket a moment before the process's exit is reported.
    if (!result.probes.every((p) => p.passed)) await Promise.race([live.proc.exited, delay(CRASH_GRACE_MS, undefined)]);
    const exitedDuringProbes = !live.proc.alive;
    // A server still up is not waited for: what it wrote while being probed has already come
    // through its pipes, as each probe waited for its answers. Jails.retire kills it now and
    // finishes the teardown in the background.
    const exit = exitedDuringProbes ? await live.proc.kill() : undefined;
    const lastLogs = live.proc.logs();
    // An exit a probe asked for with a signal is the probe's to judge, not a crash.
    if (exit && live.proc.signalled === undefined) crash ??= exitReason(exit, lastLogs.stderr, limits);
    result.logs = joinLogs([...earlierLogs, lastLogs]);
    env.jails.retire(prepared);
    prepared = undefined;
    // A crash is the cause to name, even when the restarted servers then ran out of time.
    if (crash !== undefined) {
      const after = restarts === 0 ? '' : `; later probes ran on a restarted server${restarts > 1 ? ` (${restarts} restarts)` : ''}`;
      return finish('crashed', `The server process stopped while being probed: ${crash}${after}`);
    }
    if (stopped === 'wall') return finish('timeout', `Wall-clock limit of ${limits.wallMs / 1000} s exceeded`);
    return finish(result.probes.every((p) => p.passed) ? 'passed' : 'failed', '');
  } catch (err) {
    if (candidate) {
      await candidate.kill();
      result.logs = candidate.logs();
    }
    const detail = err instanceof ProbeScriptError ? `The kata's probes are broken: ${err.message}` : `Katabox failed to run the code: ${(err as Error).message}`;
    return finish('error', detail);
  } finally {
    clearTimeout(wallTimer);
    session?.dispose();
    if (prepared) env.jails.retire(prepared);
  }
}
