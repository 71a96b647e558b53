// What a job on the run queue carries: only what a runner on another machine needs. A stored
// submission's job names it (the runner reads its code from the store and records the verdict
// there); a run whose verdict is not stored (Run, a re-run) carries its code, and its verdict
// comes back as the job's result.
import type { LearnerRequest, Limits, RequestResult, RunMode, RunResult } from '../../../sandbox/index.js';

export interface SubmissionJob {
  submission: string;
  kata: string;
  /** The pinned kata version: the runner has it installed or reads it from the store. */
  version: number;
  seed: number;
  mode: 'submit';
}

export interface CodeJob {
  kata: string;
  version: number;
  seed: number;
  mode: RunMode;
  code: string;
  limits?: Partial<Limits>;
}

/** A request the learner wrote for their own server: its result comes back as the job's result. */
export interface SendJob {
  kata: string;
  version: number;
  code: string;
  request: LearnerRequest;
  limits?: Partial<Limits>;
}

export type QueueJob = SubmissionJob | CodeJob | SendJob;

/** What a finished job gives back: a verdict or a request's result to whoever waits, or whether a submission's verdict was recorded. */
export type JobResult = RunResult | RequestResult | { recorded: boolean };

export const isSubmissionJob = (job: QueueJob): job is SubmissionJob => 'submission' in job;
export const isSendJob = (job: QueueJob): job is SendJob => 'request' in job;

/**
 * One job id per submission, whoever enqueues it and however often: BullMQ keeps one job per id,
 * so a submission enqueued again (after a Redis restart, by another web process) is not run twice.
 */
export const submissionJobId = (id: string) => `submission-${id}`;
export const submissionOfJob = (jobId: string) => (jobId.startsWith('submission-') ? jobId.slice('submission-'.length) : undefined);

/** A run whose verdict is not stored (or a learner's request) gets an id of its own, made by the web process that waits for it. */
export const codeJobId = (random: string) => `run-${random}`;
export const isCodeJobId = (jobId: string) => jobId.startsWith('run-');
