// Two panes with a separator between them that the learner drags, or moves with the arrow keys
// (the WAI-ARIA window splitter: a focusable separator whose value is the first pane's share, in
// percent). The share is kept in localStorage, so the layout is the same on the next visit. The
// share lives in the container's --split property; the stylesheet decides where it applies (a
// narrow window stacks the panes and hides the separator).
import { h } from '../dom';

export interface SplitOptions {
  /** 'row': side by side, moved with Left and Right; 'column': one over the other, Up and Down. */
  direction: 'row' | 'column';
  /** Where the share is remembered; one key per kind of split. */
  key: string;
  /** What the separator resizes, for screen readers ("Resize the prompt and the editor"). */
  label: string;
  /** The first pane's share in percent: at first, and the least and most it may take. */
  initial: number;
  min: number;
  max: number;
}

/** How far one arrow key press moves the separator, in percent. */
const STEP = 5;

const storageKey = (key: string) => `katabox.split.${key}`;

function remembered(options: SplitOptions): number {
  try {
    const value = Number(localStorage.getItem(storageKey(options.key)));
    if (value >= options.min && value <= options.max) return value;
  } catch {
    // Storage can be off (private windows, policies): the layout then starts as designed.
  }
  return options.initial;
}

/** Puts `first`, a separator and `second` into `container`; returns the separator. */
export function split(container: HTMLElement, first: HTMLElement, second: HTMLElement, options: SplitOptions): HTMLElement {
  const row = options.direction === 'row';
  const separator = h('div', {
    class: 'split-separator',
    role: 'separator',
    tabindex: 0,
    'aria-orientation': row ? 'vertical' : 'horizontal',
    'aria-label': options.label,
    'aria-valuemin': options.min,
    'aria-valuemax': options.max,
  });
  if (first.id) separator.setAttribute('aria-controls', first.id);
  container.classList.add('split', row ? 'split-row' : 'split-column');
  container.append(first, separator, second);

  let share = remembered(options);
  const apply = (value: number, keep: boolean) => {
    share = Math.round(Math.min(options.max, Math.max(options.min, value)) * 10) / 10;
    container.style.setProperty('--split', `${share}%`);
    separator.setAttribute('aria-valuenow', String(Math.round(share)));
    if (!keep) return;
    try {
      localStorage.setItem(storageKey(options.key), String(share));
    } catch {
      // Not remembered, still applied.
    }
  };
  apply(share, false);

  separator.addEventListener('keydown', (event) => {
    const [less, more] = row ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
    const to = { [less]: share - STEP, [more]: share + STEP, Home: options.min, End: options.max }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    apply(to, true);
  });

  separator.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    separator.setPointerCapture(event.pointerId);
    separator.focus();
    container.classList.add('split-dragging');
    const box = container.getBoundingClientRect();
    const at = (e: PointerEvent) => (row ? ((e.clientX - box.left) / box.width) * 100 : ((e.clientY - box.top) / box.height) * 100);
    const move = (e: PointerEvent) => apply(at(e), false);
    const end = (e: PointerEvent) => {
      apply(at(e), true);
      container.classList.remove('split-dragging');
      separator.removeEventListener('pointermove', move);
      separator.removeEventListener('pointerup', end);
      separator.removeEventListener('pointercancel', end);
    };
    separator.addEventListener('pointermove', move);
    separator.addEventListener('pointerup', end);
    separator.addEventListener('pointercancel', end);
  });
  return separator;
}
