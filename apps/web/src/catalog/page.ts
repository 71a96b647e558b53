// The catalog: the katas by learning track, each with its difficulty, tags, time and the
// learner's progress, the track's progress and the kata suggested next; search and filters live
// in the URL so a filtered view can be bookmarked.
import type { Catalog, CatalogQuery, Difficulty } from '../../../contract';
import { accountMenu } from '../account/menu';
import { api, catalogQueryString, historyExportPath } from '../api';
import { clear, h } from '../dom';
import { progressBadge } from '../progress';
import { settingsButton } from '../settings/panel';

const difficulties: Difficulty[] = ['easy', 'medium', 'hard'];

function readQuery(): CatalogQuery {
  const params = new URLSearchParams(location.search);
  const difficulty = params.get('difficulty') as Difficulty | null;
  return {
    tag: params.get('tag') ?? undefined,
    difficulty: difficulty && difficulties.includes(difficulty) ? difficulty : undefined,
    q: params.get('q')?.slice(0, 100) || undefined,
  };
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

/** The shown katas grouped under their tracks, each track with the learner's progress in it. */
function trackSections(catalog: Catalog): HTMLElement[] {
  return catalog.tracks
    .map((track) => ({ track, katas: catalog.katas.filter((k) => k.track === track.slug) }))
    .filter(({ katas }) => katas.length > 0)
    .map(({ track, katas }) =>
      h(
        'section',
        { class: 'track', 'data-track': track.slug, 'aria-labelledby': `track-${track.slug}` },
        h('h2', { id: `track-${track.slug}` }, track.title, ' ', h('span', { class: 'track-progress muted' }, `${track.solved} of ${track.katas} solved`)),
        h('p', { class: 'muted' }, track.description),
        h('ul', { class: 'kata-list' }, ...katas.map(kataCard)),
      ),
    );
}

/** Without an account, the learner's work lives under this browser's cookie: it can leave as a file. */
function yourData(): HTMLElement {
  return h(
    'section',
    { class: 'your-data', 'aria-labelledby': 'your-data' },
    h('h2', { id: 'your-data' }, 'Your data'),
    h('p', {}, 'Your drafts and every submission are kept on this server under a cookie of this browser. ', h('a', { href: historyExportPath, download: '' }, 'Download your history (JSON)'), '.'),
  );
}

export async function showCatalog(root: HTMLElement): Promise<void> {
  document.title = 'Katabox — katas';
  const filters = h('div', { class: 'filters' });
  const next = h('div', { class: 'next-up' });
  const list = h('div', { class: 'tracks', 'aria-live': 'polite' });
  let query = readQuery();
  let typing: number | undefined;
  const search = h('input', {
    type: 'search',
    name: 'q',
    placeholder: 'Search titles and tags',
    'aria-label': 'Search katas',
    value: query.q ?? '',
    maxlength: 100,
    oninput: () => {
      window.clearTimeout(typing);
      typing = window.setTimeout(() => {
        query = { ...query, q: search.value.trim() || undefined };
        void load();
      }, 200);
    },
  });
  clear(
    root,
    h('header', { class: 'topbar' }, h('a', { class: 'brand', href: '/' }, 'Katabox'), h('span', { class: 'muted' }, 'Back-end Node.js katas: write a real node:http server, get it probed and scored.'), h('span', { class: 'spacer' }), settingsButton(), accountMenu()),
    h('main', { class: 'catalog' }, next, h('div', { class: 'filters' }, search, filters), list, yourData()),
  );

  const load = async () => {
    writeQuery(query);
    let catalog: Catalog;
    try {
      catalog = await api.catalog(query);
    } catch (err) {
      clear(list, h('p', { class: 'error-text', role: 'alert' }, `Could not load the katas: ${(err as Error).message}`), h('button', { onclick: () => void load() }, 'Try again'));
      return;
    }
    clear(next, catalog.next ? h('p', {}, h('strong', {}, 'Suggested next: '), h('a', { href: `/katas/${catalog.next.slug}` }, catalog.next.title)) : h('p', { class: 'muted' }, 'Every kata solved. Well done.'));
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
    clear(list, ...(catalog.katas.length ? trackSections(catalog) : [h('p', { class: 'muted' }, 'No kata matches these filters.')]));
  };
  await load();
}
