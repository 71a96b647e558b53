// A tiny element builder. Text always goes in as text, never as HTML, so nothing the server
// or a candidate's program sends can inject markup.
type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(key, String(value));
  }
  el.append(...nodes(children));
  return el;
}

/** Replaces an element's content. */
export function clear(el: Element, ...children: Child[]): void {
  el.replaceChildren(...nodes(children));
}

/** Children as DOM accepts them: empty ones dropped (so `cond && h(...)` works), numbers as text. */
function nodes(children: Child[]): Array<Node | string> {
  return children.filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false).map((c) => (typeof c === 'number' ? String(c) : c));
}
