/*
 * The review screen's keys, as a pure table so the key-hint bar, the handler and the unit test read the same list.
 * Single letters, like a mail client: the reviewer's hands stay on the keyboard from order to order.
 */
export type ReviewAction =
  | 'next'
  | 'prev'
  | 'toggle'
  | 'selectPage'
  | 'approve'
  | 'hold'
  | 'reject'
  | 'release'
  | 'note'
  | 'open'
  | 'pageNext'
  | 'pagePrev'
  | 'queue'
  | 'merge';

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** What each key does; `u` only means something in the on-hold queue (main would refuse it elsewhere anyway). */
export function reviewKeyAction(e: KeyLike, queue: 'review' | 'on_hold'): ReviewAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.shiftKey) return e.key === 'X' || e.key === 'x' ? 'selectPage' : null;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'prev';
    case 'x':
      return 'toggle';
    case 'a':
      return 'approve';
    case 'h':
      return 'hold';
    case 'r':
      return 'reject';
    case 'u':
      return queue === 'on_hold' ? 'release' : null;
    case 'n':
      return 'note';
    case 'Enter':
      return 'open';
    case 'PageDown':
      return 'pageNext';
    case 'PageUp':
      return 'pagePrev';
    case 't':
      return 'queue';
    case 'm':
      return 'merge';
    default:
      return null;
  }
}

/** The hint bar, in reading order: the key(s) shown and the action's label. */
export const KEY_HINTS: readonly { keys: string[]; action: ReviewAction }[] = [
  { keys: ['J', '↓'], action: 'next' },
  { keys: ['K', '↑'], action: 'prev' },
  { keys: ['X'], action: 'toggle' },
  { keys: ['Shift+X'], action: 'selectPage' },
  { keys: ['A'], action: 'approve' },
  { keys: ['H'], action: 'hold' },
  { keys: ['R'], action: 'reject' },
  { keys: ['U'], action: 'release' },
  { keys: ['N'], action: 'note' },
  { keys: ['Enter'], action: 'open' },
  { keys: ['T'], action: 'queue' },
  { keys: ['M'], action: 'merge' },
];

/**
 * The orders a decision applies to: the checked ones (in list order) when any are checked, else the one under the
 * cursor. Checked orders on another page count too: the reviewer checked them on purpose.
 */
export function decisionTargets(pageIds: readonly number[], checked: readonly number[], cursorId: number | null): number[] {
  if (checked.length > 0) {
    const set = new Set(checked);
    const onPage = pageIds.filter((id) => set.has(id));
    const elsewhere = checked.filter((id) => !pageIds.includes(id));
    return [...onPage, ...elsewhere];
  }
  return cursorId === null ? [] : [cursorId];
}

/**
 * Where the cursor goes after a decision: the first order after it that the decision did not take away, else the
 * nearest one before it, else nowhere (the page is empty now).
 */
export function cursorAfter(pageIds: readonly number[], cursorId: number | null, gone: ReadonlySet<number>): number | null {
  const at = cursorId === null ? -1 : pageIds.indexOf(cursorId);
  for (let i = Math.max(at, 0); i < pageIds.length; i++) {
    const id = pageIds[i]!;
    if (!gone.has(id)) return id;
  }
  for (let i = Math.min(at, pageIds.length) - 1; i >= 0; i--) {
    const id = pageIds[i]!;
    if (!gone.has(id)) return id;
  }
  return null;
}
