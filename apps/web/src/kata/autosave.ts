// Drafts save themselves: a short pause after the last keystroke, again before the page goes
// away, and again after a failure, so closing the tab or reloading loses nothing.
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed';

const DELAY_MS = 700;
const RETRY_MS = 5000;

export class Autosave {
  private pending: string | undefined;
  private timer: number | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly save: (code: string, keepalive: boolean) => Promise<unknown>,
    private readonly onState: (state: SaveState) => void,
  ) {
    addEventListener('pagehide', () => void this.flush(true));
  }

  changed(code: string): void {
    this.pending = code;
    this.onState('unsaved');
    this.schedule(DELAY_MS);
  }

  /** Forgets unsaved changes (the draft was reset on the server). */
  discard(): void {
    this.pending = undefined;
    clearTimeout(this.timer);
    this.onState('saved');
  }

  /** Saves now what is pending; resolves once it is stored (or failed). */
  flush(keepalive = false): Promise<void> {
    clearTimeout(this.timer);
    const code = this.pending;
    if (code === undefined) return this.inFlight;
    this.pending = undefined;
    this.onState('saving');
    this.inFlight = this.inFlight.then(() =>
      this.save(code, keepalive).then(
        () => this.onState(this.pending === undefined ? 'saved' : 'unsaved'),
        () => {
          this.pending ??= code;
          this.onState('failed');
          this.schedule(RETRY_MS);
        },
      ),
    );
    return this.inFlight;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.flush(), ms);
  }
}
