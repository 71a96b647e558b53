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

  /**
   * Bytes, for bodies that text cannot express: a UTF-8 character cut in two across chunks,
   * invalid UTF-8, binary data. A `Uint8Array` (see `utf8()`) or an array of numbers 0–255.
   */
  export type Bytes = Uint8Array | readonly number[];

  /** What a request can carry: text, sent as its UTF-8 encoding, or bytes, sent exactly. */
  export type Body = string | Bytes;

  /**
   * The UTF-8 encoding of `text` (the Isolate has no TextEncoder or Buffer). A lone surrogate
   * becomes U+FFFD, as TextEncoder writes it. Slice the result to cut a character in two:
   *
   *     const bytes = utf8('{"city":"Zürich"}');
   *     const cut = 11; // between the two bytes of 'ü' (bytes 10 and 11)
   *     await http.request({ method: 'POST', path: '/', chunks: [bytes.slice(0, cut), bytes.slice(cut)] });
   */
  export function utf8(text: string): Uint8Array;

  export interface RequestOptions {
    method?: string;
    /**
     * Path and query, e.g. '/users?limit=3'. Sent as-is, so it may carry percent-encoding; it
     * must be ASCII, so encode other characters: `'/hello?name=' + encodeURIComponent('Zoë')`.
     */
    path: string;
    /** Sent with the names spelled as given. A body (even '') gets a content-length unless one is given. */
    headers?: Record<string, string>;
    /** A body sent in one piece: text (as UTF-8) or bytes, at most 1 MB. */
    body?: Body;
    /** A value sent as a JSON body (sets content-type: application/json unless given). */
    json?: unknown;
    /**
     * The body in several pieces (at most 100, 1 MB in all), written one after the other with a
     * pause between them. Each piece is text or bytes; bytes can cut a UTF-8 character in two.
     */
    chunks?: Body[];
    /** Pause between chunks in ms (default 30). */
    chunkDelayMs?: number;
    /**
     * How long to wait for the whole response in ms. By default 2000; while the server leaves
     * requests unfinished, less: 1500 after one, 500 after two in a row, and 2000 again once it
     * ends a response. A response not finished by then fails the probe.
     */
    timeoutMs?: number;
    /**
     * Read a response that may never end — a stream, Server-Sent Events — for a bounded time:
     * stop reading after `ms` (50–10000, counted from the start of the request), or as soon as
     * the body so far contains `text`, or when the response ends, whichever comes first. Then
     * the bridge closes the connection and the request resolves with what had arrived; check
     * `ended` to tell whether the server ended the response itself, cut it off, or the probe
     * stopped reading. The request fails only when no status line and headers came within
     * `ms`, or the connection failed. Replaces `timeoutMs` (give one or the other).
     *
     *     const res = await http.request({ path: '/events', readUntil: { text: '\n\n', ms: 1500 } });
     *     expect(res.ended, 'end of the stream').toBe('stopped', 'an event stream stays open');
     */
    readUntil?: { text?: string; ms: number };
  }

  /**
   * A piece of a response body as it arrived: what one read from the socket brought. Writes the
   * server makes close together may arrive as one chunk, so compare arrival times with margins
   * of several hundred ms, never count on one chunk per write.
   */
  export interface BodyChunk {
    /** Arrival in ms since the request started. */
    at: number;
    /** The chunk decoded as UTF-8; a character cut across two chunks shows whole in the later one. */
    text: string;
    /** Its size in bytes. */
    bytes: number;
  }

  export interface HttpResponse {
    status: number;
    statusText: string;
    /** Header names lowercased, as Node reports them. */
    headers: Record<string, string | string[] | undefined>;
    /** The body decoded as UTF-8 (at most 1 MB is kept). */
    body: string;
    /** When the status line and headers arrived, in ms since the request started. */
    headersAt: number;
    /**
     * The body's chunks in the order they arrived, with their arrival times: the first 1000
     * (a longer body is still whole in `body`). To prove a response streams, check that an
     * early chunk came well before the end:
     *
     *     expect(res.chunks[0]!.at, 'first chunk').toSatisfy((at) => at < res.endedAt! - 500, 'at least 500 ms before the end');
     */
    chunks: BodyChunk[];
    /**
     * How the response ended, known as soon as it happens:
     * - 'complete': the server ended it (`res.end()`);
     * - 'cut-off': the server closed or reset the connection before the end (`res.destroy()`,
     *   a crash). Only `readUntil` resolves with it: a plain request fails instead, saying
     *   how much of the body had come;
     * - 'stopped': `readUntil` stopped reading first, and the bridge closed the connection.
     */
    ended: 'complete' | 'cut-off' | 'stopped';
    /** When the response ended or was cut off, in ms since the request started; null when it was 'stopped'. */
    endedAt: number | null;
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
    abortMidBody(options: { method?: string; path: string; headers?: Record<string, string>; partialBody: Body; declaredLength: number }): Promise<void>;
  }

  /** What came back on a raw connection. */
  export interface RawReply {
    /** Everything the server wrote, decoded as UTF-8 (at most 64 KB is kept). */
    text: string;
    /** 'server' when the server closed (or reset) the connection; 'timeout' when it was still open after `timeoutMs`. */
    closedBy: 'server' | 'timeout';
  }

  export interface Raw {
    /**
     * Writes `bytes` (text as UTF-8, or bytes; at most 64 KB) to a fresh TCP connection and
     * reads what comes back until the server closes it or `timeoutMs` passes (default 1000);
     * `closedBy` says which:
     *
     *     const reply = await raw.request('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
     *     expect(reply.closedBy, 'the connection').toBe('server', 'Connection: close asks the server to close it');
     */
    request(bytes: Body, options?: { timeoutMs?: number }): Promise<RawReply>;
    /** `raw.request`'s text only. */
    send(bytes: Body, options?: { timeoutMs?: number }): Promise<string>;
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
    /**
     * A path of `minSegments`–`maxSegments` (default 1–3) random words of 3–8 lowercase letters,
     * e.g. '/kiwo/tapel'. Add what a kata needs on top: `${rand.path()}?q=${rand.word()}`.
     */
    path(minSegments?: number, maxSegments?: number): string;
  }

  export interface ProbeContext {
    http: Http;
    raw: Raw;
    rand: Rand;
    sleep(ms: number): Promise<void>;
    /** Whether the candidate's server process is still running. */
    alive(): Promise<boolean>;
    /**
     * Sends SIGTERM or SIGINT to the candidate's Node process (the one running its code, inside
     * the jail), for katas about graceful shutdown: requests in flight finish, then the process
     * exits. Resolves once the signal is sent; fails the probe when the process is no longer
     * running. Its exit after a signal is not a crash: the run's verdict rests on the probes,
     * so the probe must check what it expects, e.g.
     *
     *     const slow = http.get('/slow');            // in flight
     *     await sleep(200);
     *     await signal('SIGTERM');
     *     expect((await slow).status, 'the request in flight').toBe(200);
     *     for (let i = 0; i < 20 && (await alive()); i++) await sleep(100);
     *     expect(await alive(), 'server still running').toBe(false, 'exit once the server has closed');
     *
     * Probes after it run on a restarted server (marked `restarted` in the result, and
     * counting against the run's restarts), so such a probe is best placed last.
     */
    signal(signal: 'SIGTERM' | 'SIGINT'): Promise<void>;
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
    /**
     * Passes when the media type is `type` (case-insensitive), alone or followed by parameters:
     * `toHaveContentType('application/json')` accepts 'application/json' and
     * 'Application/JSON; charset=utf-8', not 'application/jsonp' or 'text/json'. Give it a
     * response (its Content-Type header is checked) or a header's value:
     *
     *     expect(res, 'Content-Type').toHaveContentType('application/json', "res.writeHead(200, { 'Content-Type': 'application/json' })");
     */
    toHaveContentType(this: Expectation<HttpResponse | string | string[] | undefined>, type: string, hint?: string): void;
  }

  /** `label` names what is checked in the failure message ("status", "Content-Type", "body"). */
  export function expect<T>(actual: T, label?: string): Expectation<T>;

  /** Fails the probe with this message. */
  export function fail(message: string): never;
}
