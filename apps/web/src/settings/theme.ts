// The colour theme: "system" follows the operating system's light or dark setting as it changes;
// light and dark hold whatever it says. The stylesheet does the colours (light-dark() under the
// root's color-scheme); this sets the scheme, and tells Monaco, which has themes of its own.
import { onSettingsChange, settings } from './settings';

const systemDark = matchMedia('(prefers-color-scheme: dark)');

export function isDark(): boolean {
  const { theme } = settings();
  return theme === 'dark' || (theme === 'system' && systemDark.matches);
}

function apply(): void {
  const { theme } = settings();
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Calls `listener` whenever the theme shown turns light or dark, by a setting or by the system. */
export function onDarkChange(listener: (dark: boolean) => void): void {
  let dark = isDark();
  const changed = () => {
    if (isDark() === dark) return;
    dark = isDark();
    listener(dark);
  };
  systemDark.addEventListener('change', changed);
  onSettingsChange(changed);
}

apply();
onSettingsChange(apply);
