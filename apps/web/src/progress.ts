// How a learner's standing on a kata reads, the same on the catalog and the kata page.
import type { Progress } from '../../contract';
import { h } from './dom';

const labels = { not_tried: 'Not tried', attempted: 'Attempted', solved: 'Solved' };

export function progressBadge(progress: Progress): HTMLElement {
  const best = progress.bestScore === null ? '' : ` · best ${progress.bestScore}`;
  return h('span', { class: `badge ${progress.status}`, 'data-status': progress.status }, labels[progress.status] + best);
}
