// A response's body as it arrives at the bridge: the bytes (capped), and each chunk with the
// time it came, so probes can tell a stream that trickles from one sent all at the end.
import { StringDecoder } from 'node:string_decoder';

/** What one read from the socket brought, at `at` ms after the request started. */
export interface BodyChunk {
  at: number;
  /** Decoded as UTF-8; a character cut across two chunks shows whole in the later one. */
  text: string;
  bytes: number;
}

export const MAX_BODY = 1024 * 1024;
/** Chunks kept per response; the body itself goes on to MAX_BODY. */
export const MAX_CHUNKS = 1000;

export class Received {
  readonly chunks: BodyChunk[] = [];
  private readonly parts: Buffer[] = [];
  private size = 0;
  private arrived = 0;
  private readonly decoder = new StringDecoder('utf8');
  /** The body decoded so far, for readUntil's search. */
  private decoded = '';
  private searched = 0;

  constructor(
    private readonly startedAt: number,
    /** When the status line and headers had arrived. */
    readonly headersAt = Math.round(performance.now() - startedAt),
  ) {}

  /** Milliseconds since the request started. */
  now(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  add(chunk: Buffer): void {
    this.arrived += chunk.length;
    const room = MAX_BODY - this.size;
    if (room <= 0) return;
    const kept = chunk.subarray(0, room);
    this.parts.push(kept);
    this.size += kept.length;
    const text = this.decoder.write(kept);
    this.decoded += text;
    if (this.chunks.length < MAX_CHUNKS) this.chunks.push({ at: this.now(), text, bytes: chunk.length });
  }

  /** Whether `text` has arrived; each call searches only what came since the last one. */
  includes(text: string): boolean {
    const found = this.decoded.indexOf(text, Math.max(0, this.searched - text.length + 1)) >= 0;
    this.searched = this.decoded.length;
    return found;
  }

  /** Every byte of the body that arrived, kept or not. */
  get bytes(): number {
    return this.arrived;
  }

  body(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }
}
