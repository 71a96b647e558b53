// A result stays on screen while the learner edits. Once the code differs from the code it came
// from, each place showing it says so, until the next Run or Submit replaces it (or the code is
// back to what ran).
import { h } from '../dom';

export class OutdatedMarker {
  private ranOn: string | undefined;

  constructor(private readonly places: HTMLElement[]) {}

  /** A result of `code` is shown now; `current` is what the editor holds. */
  shown(code: string, current: string): void {
    this.ranOn = code;
    this.changed(current);
  }

  /** The results shown are not of any code (a run started, an error is shown). */
  cleared(): void {
    this.ranOn = undefined;
    this.mark(false);
  }

  changed(current: string): void {
    if (this.ranOn !== undefined) this.mark(current !== this.ranOn);
  }

  private mark(outdated: boolean): void {
    for (const place of this.places) {
      const banner = place.querySelector(':scope > .outdated');
      if (!outdated) banner?.remove();
      else if (!banner) place.prepend(h('p', { class: 'outdated', role: 'status' }, h('strong', {}, 'Outdated: '), 'the code has changed since this result. Run or Submit again to see the result of the code as it is now.'));
    }
  }
}
