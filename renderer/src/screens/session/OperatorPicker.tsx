import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { OperatorInfo } from '../../../../shared/domain/people.js';
import { useT } from '../../i18n/index.js';

interface Props {
  operators: OperatorInfo[];
  /** Who is signed in now (focused first, marked). */
  currentId: number | null;
  /** The person to focus first, e.g. the one whose PIN pad was just left. */
  focusId: number | null;
  disabled: boolean;
  onPick: (op: OperatorInfo) => void;
}

/** How many buttons sit on the first row of the grid, so ↑/↓ move by a whole row. */
function columns(grid: HTMLElement): number {
  const items = [...grid.querySelectorAll<HTMLElement>('[data-testid="operator-option"]')];
  const top = items[0]?.offsetTop;
  const n = items.filter((el) => el.offsetTop === top).length;
  return Math.max(1, n);
}

/**
 * Big name buttons for a shared bench: one tap, or arrow keys and Enter. Focus starts on the current operator (or
 * the first), so "F2, Enter" re-confirms and "F2, →, Enter" switches to the next person.
 */
export function OperatorPicker({ operators, currentId, focusId, disabled, onPick }: Props) {
  const t = useT();
  const grid = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const want = focusId ?? currentId;
    const el =
      (want !== null && grid.current?.querySelector<HTMLElement>(`[data-operator-id="${want}"]`)) ||
      grid.current?.querySelector<HTMLElement>('[data-testid="operator-option"]');
    el?.focus();
    // Only when the list arrives: later focus moves are the person's own.
  }, [operators]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const g = grid.current;
    if (!g) return;
    const items = [...g.querySelectorAll<HTMLElement>('[data-testid="operator-option"]')];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const cols = columns(g);
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols };
    let next: number | null = null;
    if (e.key in step) next = i === -1 ? 0 : Math.min(items.length - 1, Math.max(0, i + (step[e.key] ?? 0)));
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    if (next === null) return;
    e.preventDefault();
    items[next]?.focus();
  };

  return (
    <div className="operator-grid" ref={grid} role="group" aria-label={t('session.who')} onKeyDown={onKeyDown}>
      {operators.map((op) => (
        <button
          key={op.id}
          type="button"
          className={op.id === currentId ? 'operator-option current' : 'operator-option'}
          data-testid="operator-option"
          data-operator-id={op.id}
          data-name={op.name}
          disabled={disabled}
          onClick={() => onPick(op)}
        >
          <span className="op-avatar big" aria-hidden="true">
            {op.name.slice(0, 1)}
          </span>
          <span className="op-option-name">{op.name}</span>
          <span className="op-option-meta">
            <span className={`chip role-${op.role}`}>{t(`role.${op.role}`)}</span>
            {!op.hasPin && <span className="muted small">{t('session.noPin')}</span>}
            {op.id === currentId && <span className="muted small">· {t('session.current')}</span>}
          </span>
        </button>
      ))}
    </div>
  );
}
