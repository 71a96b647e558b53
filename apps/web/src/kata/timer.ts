// Timed practice on the kata page: Start timer counts down the kata's estimate, then keeps
// counting as overtime. The server keeps the start (a reload finds the timer running) and times
// each submission itself; this clock only shows it, from the server's clock, so the browser's
// clock setting changes nothing. A passing submission made while it runs ends the practice.
import type { Practice, Submission } from '../../../contract';
import { api } from '../api';
import { clear, h } from '../dom';
import { formatLeft } from '../take/countdown';

export class PracticeTimer {
  readonly element = h('span', { class: 'practice-timer' });
  /** performance.now() at the server's start; undefined while no timer runs. */
  private startedAt: number | undefined;
  private ticking: number | undefined;
  private readonly clock = h('span', { class: 'practice-clock', role: 'timer', 'aria-label': 'Practice time' });
  private readonly note = h('span', { class: 'practice-note', 'aria-live': 'polite' });

  constructor(
    private readonly slug: string,
    private readonly minutes: number,
    practice: Practice | null,
  ) {
    if (practice) this.run(practice);
    else this.idle();
  }

  /** A verdict came: a timed submission that passed ends the practice with its time. */
  submitted(submission: Submission): void {
    if (this.startedAt === undefined || submission.timeTakenSeconds === null || submission.status !== 'passed') return;
    void api.stopPractice(this.slug).catch(() => undefined);
    this.idle(`Solved in ${formatLeft(submission.timeTakenSeconds * 1000)} (estimate ${this.minutes} min).`);
  }

  private run(practice: Practice): void {
    this.startedAt = performance.now() - (Date.parse(practice.serverNow) - Date.parse(practice.startedAt));
    window.clearInterval(this.ticking);
    this.ticking = window.setInterval(() => this.tick(), 250);
    this.tick();
    this.note.textContent = '';
    clear(this.element, this.clock, this.button('Stop timer', () => api.stopPractice(this.slug).then(() => this.idle())), this.note);
  }

  private idle(text = ''): void {
    this.startedAt = undefined;
    window.clearInterval(this.ticking);
    this.note.textContent = text;
    const start = this.button('Start timer', () => api.startPractice(this.slug).then((p) => this.run(p)));
    start.title = `Practise against this kata's estimate of ${this.minutes} min; submissions record the time they took.`;
    clear(this.element, start, this.note);
  }

  private button(label: string, action: () => Promise<unknown>): HTMLButtonElement {
    const button = h('button', { type: 'button' }, label);
    button.addEventListener('click', () => {
      button.disabled = true;
      action().then(
        () => undefined,
        (err: Error) => {
          button.disabled = false;
          this.note.textContent = `Timer not changed: ${err.message}`;
        },
      );
    });
    return button;
  }

  private tick(): void {
    if (this.startedAt === undefined) return;
    const left = this.minutes * 60_000 - (performance.now() - this.startedAt);
    const over = left < 0;
    this.clock.textContent = over ? `+${formatLeft(-left)} over` : `${formatLeft(left)} left`;
    this.clock.dataset.overtime = String(over);
  }
}
