// The candidate's code, recorded as they type for the interviewer's replay: at most one save
// every 2 s while the code changes (each save is a snapshot on the server), and one when the page
// goes away. A change that adds many characters at once is marked as a paste.
const EVERY_MS = 2000;
/** Characters added in one change that make it a paste rather than typing. */
const PASTE_CHARS = 80;

export class Recorder {
  private pending: string | undefined;
  private pasted = false;
  private timer: number | undefined;
  private last: string;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    initial: string,
    private readonly save: (code: string, paste: boolean, keepalive: boolean) => Promise<void>,
    private readonly onState: (text: string) => void,
  ) {
    this.last = initial;
    addEventListener('pagehide', () => void this.flush(true));
  }

  changed(code: string): void {
    if (code.length - this.last.length >= PASTE_CHARS) this.pasted = true;
    this.last = code;
    this.pending = code;
    this.onState('Unsaved changes');
    this.timer ??= window.setTimeout(() => void this.flush(), EVERY_MS);
  }

  /** Saves what is pending now; resolves once stored (or failed: then it is tried again later). */
  flush(keepalive = false): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const code = this.pending;
    if (code === undefined) return this.inFlight;
    const paste = this.pasted;
    this.pending = undefined;
    this.pasted = false;
    this.inFlight = this.inFlight.then(() =>
      this.save(code, paste, keepalive).then(
        () => this.onState(this.pending === undefined ? 'Saved' : 'Unsaved changes'),
        (err: Error) => {
          this.pending ??= code;
          this.pasted ||= paste;
          this.onState(`Not saved: ${err.message}`);
        },
      ),
    );
    return this.inFlight;
  }
}
