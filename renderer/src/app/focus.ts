/**
 * A tiny registry so the global shortcuts can reach the search box and the order list without threading refs through
 * every component: "/" focuses search, Esc returns focus to the list, ↑/↓ on the page body drive the list.
 */
type Target = 'search' | 'list';
const targets = new Map<Target, HTMLElement>();
let listKeys: ((key: string) => boolean) | null = null;

export function registerFocusTarget(name: Target, el: HTMLElement | null): void {
  if (el) targets.set(name, el);
  else targets.delete(name);
}

export function focusTarget(name: Target): boolean {
  const el = targets.get(name);
  if (!el) return false;
  el.focus();
  if (el instanceof HTMLInputElement) el.select();
  return true;
}

/** The list installs its key handler here; returns true when it used the key. */
export function setListKeyHandler(fn: ((key: string) => boolean) | null): void {
  listKeys = fn;
}

export function sendListKey(key: string): boolean {
  return listKeys ? listKeys(key) : false;
}
