// Tabs as the WAI-ARIA tabs pattern has them: one tab in the Tab order (the selected one), the
// arrow keys move between tabs and select them, Home and End go to the first and the last; each
// panel is labelled by its tab. A page adds a tab with one call to add(); `element` holds the
// tab list and the panels.
import { h } from '../dom';

let nextId = 0;

export interface TabsOptions {
  /** What the tab list is about, for screen readers ("Results", "Katas"). */
  label: string;
  /** Classes of `element`. */
  class?: string;
  /** Called after a tab is shown, by a click, a key or show(). */
  onShow?(name: string): void;
}

export class Tabs {
  /** The tab list, then the panels. */
  readonly element: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly tabs = new Map<string, { tab: HTMLButtonElement; panel: HTMLElement }>();
  private selected: string | undefined;
  private readonly prefix = `tabs-${++nextId}`;

  constructor(private readonly options: TabsOptions) {
    this.bar = h('div', { class: 'tabs', role: 'tablist', 'aria-label': options.label });
    this.bar.addEventListener('keydown', (event) => this.key(event));
    this.element = h('div', { class: options.class }, this.bar);
  }

  /**
   * Adds a tab named `name` and returns its panel, to fill. Pass `panel` to use an element of
   * your own; by default a scrolling `.tab-body`. The first tab added is the one selected.
   */
  add(name: string, panel: HTMLElement = h('div', { class: 'tab-body' })): HTMLElement {
    const id = `${this.prefix}-${this.tabs.size}`;
    const tab = h('button', { type: 'button', role: 'tab', id: `${id}-tab`, 'aria-controls': `${id}-panel`, onclick: () => this.show(name) }, name);
    panel.id = `${id}-panel`;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    // The panel itself takes focus when it has nothing focusable, as the pattern advises.
    panel.tabIndex = 0;
    this.tabs.set(name, { tab, panel });
    this.bar.append(tab);
    this.element.append(panel);
    this.select(this.selected ?? name);
    return panel;
  }

  show(name: string): void {
    this.select(name);
    this.options.onShow?.(name);
  }

  private select(name: string): void {
    this.selected = name;
    for (const [n, { tab, panel }] of this.tabs) {
      tab.setAttribute('aria-selected', String(n === name));
      tab.tabIndex = n === name ? 0 : -1;
      panel.hidden = n !== name;
    }
  }

  private key(event: KeyboardEvent): void {
    const names = [...this.tabs.keys()];
    const at = names.indexOf(this.selected!);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: names.length - 1 }[event.key];
    if (to === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const name = names[(to + names.length) % names.length]!;
    this.show(name);
    this.tabs.get(name)!.tab.focus();
  }
}
