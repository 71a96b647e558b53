// The catalog: every kata with its difficulty, tags, time and the learner's progress; filters
// by tag and difficulty live in the URL so a filtered view can be bookmarked.
import type { Catalog, CatalogQuery, Difficulty } from '../../../contract';
import { api, catalogQueryString } from '../api';
import { clear, h } from '../dom';
import { progressBadge } from '../progress';

const difficulties: Difficulty[] = ['easy', 'medium', 'hard'];

function readQuery(): CatalogQuery {
  const params = new URLSearchParams(location.search);
  const difficulty = params.get('difficulty') as Difficulty | null;
  return { tag: params.get('tag') ?? undefined, difficulty: difficulty && difficulties.includes(difficulty) ? difficulty : undefined };
}

function writeQuery(query: CatalogQuery): void {
  history.replaceState(null, '', `/${catalogQueryString(query)}`);
}

function select(label: string, name: string, options: string[], value: string | undefined, onChange: (value: string | undefined) => void): HTMLElement {
  const el = h('select', { name, onchange: () => onChange(el.value || undefined) }, h('option', { value: '' }, 'All'), ...options.map((o) => h('option', { value: o, selected: o === value }, o)));
  return h('label', {}, `${label} `, el);
}

function kataCard(kata: Catalog['katas'][number]): HTMLElement {
  return h(
    'li',
    { class: 'kata-card', 'data-slug': kata.slug },
    h('a', { class: 'title', href: `/katas/${kata.slug}` }, kata.title),
    h('div', { class: 'progress' }, progressBadge(kata.progress)),
    h(
      'div',
      { class: 'meta' },
      h('span', { class: `badge ${kata.difficulty}` }, kata.difficulty),
      h('span', { class: 'muted' }, `${kata.minutes} min`),
      ...kata.tags.map((t) => h('span', { class: 'tag' }, t)),
    ),
  );
}

export async function showCatalog(root: HTMLElement): Promise<void> {
  document.title = 'Katabox — katas';
  const filters = h('div', { class: 'filters' });
  const list = h('ul', { class: 'kata-list', 'aria-live': 'polite' });
  clear(
    root,
    h('header', { class: 'topbar' }, h('a', { class: 'brand', href: '/' }, 'Katabox'), h('span', { class: 'muted' }, 'Back-end Node.js katas: write a real node:http server, get it probed and scored.')),
    h('main', { class: 'catalog' }, filters, list),
  );

  let query = readQuery();
  const load = async () => {
    writeQuery(query);
    let catalog: Catalog;
    try {
      catalog = await api.catalog(query);
    } catch (err) {
      clear(list, h('li', { class: 'error-text' }, `Could not load the katas: ${(err as Error).message}`));
      return;
    }
    clear(
      filters,
      select('Difficulty', 'difficulty', difficulties, query.difficulty, (v) => {
        query = { ...query, difficulty: v as Difficulty | undefined };
        void load();
      }),
      select('Tag', 'tag', catalog.tags, query.tag, (v) => {
        query = { ...query, tag: v };
        void load();
      }),
      h('span', { class: 'muted' }, `${catalog.katas.length} kata${catalog.katas.length === 1 ? '' : 's'}`),
    );
    clear(list, ...(catalog.katas.length ? catalog.katas.map(kataCard) : [h('li', { class: 'muted' }, 'No kata matches these filters.')]));
  };
  await load();
}
