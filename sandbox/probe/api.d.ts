// The API a kata's probes.ts is written against. Probes run inside an isolated-vm Isolate:
// no Node APIs, no timers of their own; everything reaches the candidate's server through
// the host bridge below, and every input comes from `rand`, seeded per run.
declare module 'katabox/probe' {
  export type Visibility = 'sample' | 'hidden';

  export interface ProbeOptions {
    /** The title people read; it may be reworded freely, since history refers to the probe's id. */
    name: string;
    /** Share of the score (default 1). */
    weight?: number;
    /** 'sample' probes run on Run and show full details; 'hidden' ones only on Submit, name and pass/fail only (default 'hidden'). */
    visibility?: Visibility;
    /** Whole-probe deadline in ms (default 5000). */
    timeoutMs?: number;
  }

  export interface RequestOptions {
    method?: string;
    /** Path and query, e.g. '/users?limit=3'. Sent as-is, so it may carry percent-encoding. */
    path: string;
    /** Sent with the names spelled as given. A body (even '') gets a content-length unless one is given. */
    headers?: Record<string, string>;
    /** A string body, sent in one piece. */
    body?: string;
    /** A value sent as a JSON body (sets content-type: application/json unless given). */
    json?: unknown;
    /** The body in several pieces, written one after the other with a pause between them. */
    chunks?: string[];
    /** Pause between chunks in ms (default 30). */
    chunkDelayMs?: number;
    /** How long to wait for the whole response in ms (default 2000). */
    timeoutMs?: number;
  }

  export interface HttpResponse {
    status: number;
    statusText: string;
    /** Header names lowercased, as Node reports them. */
    headers: Record<string, string | string[] | undefined>;
    body: string;
    /** The body parsed as JSON; throws a probe failure with a readable message when it is not JSON. */
    json<T = any>(): T;
  }

  export interface Http {
    request(options: RequestOptions): Promise<HttpResponse>;
    get(path: string, headers?: Record<string, string>): Promise<HttpResponse>;
    post(path: string, json: unknown, headers?: Record<string, string>): Promise<HttpResponse>;
    /**
     * Starts a request whose body is cut off: sends the headers (with a content-length larger
     * than what is sent) and `partialBody`, then destroys the connection.
     */
    abortMidBody(options: { method?: string; path: string; headers?: Record<string, string>; partialBody: string; declaredLength: number }): Promise<void>;
  }

  export interface Raw {
    /** Writes bytes to a fresh TCP connection and returns what came back until the server closed it or `timeoutMs` passed (default 1000). */
    send(bytes: string, options?: { timeoutMs?: number }): Promise<string>;
  }

  /** Deterministic inputs: the same seed gives the same values, so a failed run can be replayed. */
  export interface Rand {
    /** Integer in [min, max]. */
    int(min: number, max: number): number;
    bool(): boolean;
    pick<T>(items: readonly T[]): T;
    /** Lowercase letters, length in [min, max] (default 4–8). */
    word(min?: number, max?: number): string;
    /** A person's first name. */
    name(): string;
    /** Characters drawn from `alphabet`. */
    string(length: number, alphabet: string): string;
    shuffle<T>(items: readonly T[]): T[];
  }

  export interface ProbeContext {
    http: Http;
    raw: Raw;
    rand: Rand;
    sleep(ms: number): Promise<void>;
    /** Whether the candidate's server process is still running. */
    alive(): Promise<boolean>;
    /** Records a line that is shown with this probe's result (e.g. what was checked). */
    note(text: string): void;
  }

  /**
   * Registers a probe. `id` is its stable name: lowercase words joined by dashes ('status-200'),
   * unique in the kata. Stored results, `// @fails:` lines and history refer to it, so keep it
   * when rewording `options.name`; changing what a probe checks is a new kata version.
   */
  export function probe(id: string, options: ProbeOptions, run: (ctx: ProbeContext) => Promise<void>): void;

  export interface Expectation<T> {
    /** Strict equality (Object.is). */
    toBe(expected: T, hint?: string): void;
    /** Deep equality of JSON-like values. */
    toEqual(expected: unknown, hint?: string): void;
    toMatch(pattern: RegExp, hint?: string): void;
    toContain(part: string, hint?: string): void;
    toBeOneOf(options: readonly T[], hint?: string): void;
    /** Passes when `check` returns true; `description` says what was expected, in words. */
    toSatisfy(check: (value: T) => boolean, description: string, hint?: string): void;
  }

  /** `label` names what is checked in the failure message ("status", "Content-Type", "body"). */
  export function expect<T>(actual: T, label?: string): Expectation<T>;

  /** Fails the probe with this message. */
  export function fail(message: string): never;
}
