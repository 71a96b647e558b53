// The candidate's code, recorded as they type for the interviewer's replay: at most one save
// every 2 s while the code changes (each save is a snapshot on the server), and one when the page
// goes away. A large paste is marked as such on the save that carries it.
const EVERY_MS = 2000;
/** A paste of at least this many characters is worth a reviewer's attention. */
const PASTE_CHARS = 80;

export class Recorder {
  private pending: string | undefined;
  private paste = false;
  private timer: number | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly save: (code: string, paste: boolean, keepalive: boolean) => Promise<void>,
    private readonly onState: (text: string) => void,
  ) {
    addEventListener('pagehide', () => void this.flush(true));
  }

  pasted(characters: number): void {
    if (characters >= PASTE_CHARS) this.paste = true;
  }

  changed(code: string): void {
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
    const paste = this.paste;
    this.pending = undefined;
    this.paste = false;
    this.inFlight = this.inFlight.then(() =>
      this.save(code, paste, keepalive).then(
        () => this.onState(this.pending === undefined ? 'Saved' : 'Unsaved changes'),
        (err: Error) => {
          this.pending ??= code;
          this.paste ||= paste;
          this.onState(`Not saved: ${err.message}`);
        },
      ),
    );
    return this.inFlight;
  }
}
