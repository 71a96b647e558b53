// The learner's settings: theme and editor preferences. Kept in this browser (localStorage) for
// now; this module is the one place that reads and writes them, so an account can keep them on
// the server later without any page noticing. Other tabs of the site follow a change at once.
export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  theme: Theme;
  fontSize: number;
  wordWrap: boolean;
  vim: boolean;
}

export const themes: Theme[] = ['system', 'light', 'dark'];
export const FONT_SIZES = { min: 10, max: 28 };

const KEY = 'katabox.settings';
const defaults: Settings = { theme: 'system', fontSize: 14, wordWrap: false, vim: false };
const listeners = new Set<(settings: Settings) => void>();

/** What is stored, field by field; anything missing or not valid (an older or edited copy) falls back to the default. */
function parse(text: string | null): Settings {
  let raw: Partial<Record<keyof Settings, unknown>> = {};
  try {
    raw = (JSON.parse(text ?? '{}') as typeof raw) ?? {};
  } catch {
    // A copy that is not JSON is as good as none.
  }
  const size = Number(raw.fontSize);
  return {
    theme: themes.includes(raw.theme as Theme) ? (raw.theme as Theme) : defaults.theme,
    fontSize: Number.isInteger(size) && size >= FONT_SIZES.min && size <= FONT_SIZES.max ? size : defaults.fontSize,
    wordWrap: typeof raw.wordWrap === 'boolean' ? raw.wordWrap : defaults.wordWrap,
    vim: typeof raw.vim === 'boolean' ? raw.vim : defaults.vim,
  };
}

function stored(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    // Storage can be switched off; the defaults still work for this page.
    return null;
  }
}

let current = parse(stored());

export function settings(): Settings {
  return current;
}

export function updateSettings(change: Partial<Settings>): void {
  current = parse(JSON.stringify({ ...current, ...change }));
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Not kept, but applied to this page all the same.
  }
  for (const listener of listeners) listener(current);
}

/** Calls `listener` on every change, from this tab or another; returns a function that stops. */
export function onSettingsChange(listener: (settings: Settings) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

addEventListener('storage', (event) => {
  if (event.key !== KEY) return;
  current = parse(event.newValue);
  for (const listener of listeners) listener(current);
});
