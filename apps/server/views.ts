// What a viewer may see of a stored verdict. The stored verdict keeps every detail of every
// probe; each view is built from a list of allowed fields, never by deleting from the original.
import type { ProbeOutcome, RunResult, Submission } from '../contract/index.js';

/**
 * A learner, or a candidate, sees a hidden probe as its id, name, weight and pass/fail only:
 * no message, no exchanges, and no duration (a 2,004 ms duration gives a timeout away).
 */
export function learnerView(result: RunResult): RunResult {
  return { ...result, probes: result.probes.map(learnerProbe) };
}

export function learnerProbe(probe: ProbeOutcome): ProbeOutcome {
  if (probe.visibility === 'sample') return probe;
  const { id, name, passed, weight, visibility, restarted } = probe;
  return { id, name, passed, weight, visibility, message: '', durationMs: 0, ...(restarted ? { restarted } : {}) };
}

/** An interviewer reviewing a candidate sees everything that was stored. */
export function reviewerView(result: RunResult): RunResult {
  return result;
}

/** A stored submission as its learner sees it. */
export function learnerSubmission(submission: Submission): Submission {
  return { ...submission, result: submission.result && learnerView(submission.result) };
}
