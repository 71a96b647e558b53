// The time left, from the server's deadline and the server's clock: the browser's own clock only
// measures how long ago the server answered, so setting it wrong buys nothing.
import { h } from '../dom';

const WARNINGS = [
  { ms: 5 * 60_000, text: '5 minutes left.' },
  { ms: 60_000, text: '1 minute left.' },
];

export function formatLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(hours ? 2 : 1, '0');
  const ss = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

export class Countdown {
  readonly element = h('span', { class: 'countdown', role: 'timer', 'aria-label': 'Time left' });
  readonly warning = h('p', { class: 'take-warning', role: 'alert', hidden: true });
  private deadline = 0;
  /** Warnings whose threshold was still ahead; each fires once when crossed (again after an extension). */
  private readonly armed = new Set<number>();
  private readonly ticking: number;

  private finalCalled = false;

  /** `onFinalSeconds` comes once, 2 s before the deadline: the last moment to save. */
  constructor(
    private readonly onDeadline: () => void,
    private readonly onFinalSeconds: () => void,
  ) {
    this.ticking = window.setInterval(() => this.tick(), 250);
  }

  /** Takes the deadline as the server states it, with the server's clock at that moment. */
  set(deadlineAt: string, serverNow: string): void {
    this.deadline = performance.now() + (Date.parse(deadlineAt) - Date.parse(serverNow));
    if (this.left() > 2000) this.finalCalled = false;
    this.tick();
  }

  left(): number {
    return this.deadline - performance.now();
  }

  stop(): void {
    window.clearInterval(this.ticking);
  }

  private tick(): void {
    if (!this.deadline) return;
    const left = this.left();
    this.element.textContent = formatLeft(left);
    this.element.dataset.urgent = String(left <= 60_000);
    for (const w of WARNINGS) {
      if (left > w.ms) this.armed.add(w.ms);
      else if (left > 0 && this.armed.delete(w.ms)) {
        this.warning.textContent = w.text;
        this.warning.hidden = false;
      }
    }
    if (left <= 2000 && !this.finalCalled) {
      this.finalCalled = true;
      this.onFinalSeconds();
    }
    if (left <= 0) {
      this.stop();
      this.onDeadline();
    }
  }
}
