import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/index.js';

export interface Option<V extends string | number> {
  value: V;
  label: string;
  /** Extra text after the label (e.g. the platform of a shop). */
  hint?: ReactNode;
}

interface Props<V extends string | number> {
  testId: string;
  label: string;
  /** Shown when nothing is selected (nothing selected means "no filter"). */
  allLabel: string;
  emptyLabel?: string;
  options: Option<V>[];
  selected: V[];
  onChange: (values: V[]) => void;
}

/**
 * A filter button that opens a checkbox list. Nothing checked means "all", so the button always says what is shown.
 * Options carry test ids `<testId>-option-<value>`.
 */
export function MultiSelect<V extends string | number>({ testId, label, allLabel, emptyLabel, options, selected, onChange }: Props<V>) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const popId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    // Focus the first checkbox so the list is usable from the keyboard at once.
    root.current?.querySelector<HTMLInputElement>('.ms-pop input')?.focus();
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const chosen = options.filter((o) => selected.includes(o.value));
  const summary = chosen.length === 0 ? allLabel : chosen.length === 1 ? (chosen[0]?.label ?? '') : t('filter.nSelected', { n: chosen.length });

  const toggle = (v: V) => onChange(selected.includes(v) ? selected.filter((s) => s !== v) : [...selected, v]);

  return (
    <div
      className="multiselect"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation(); // closes this list only, not the order drawer
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={chosen.length ? 'ms-button active' : 'ms-button'}
        data-testid={testId}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={popId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="ms-label">{label}</span>
        <span className="ms-summary">{summary}</span>
        <span className="ms-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="ms-pop" id={popId} role="group" aria-label={label}>
          {options.length === 0 && <div className="ms-empty">{emptyLabel}</div>}
          {options.map((o) => (
            <label key={o.value} className="ms-option" data-testid={`${testId}-option-${o.value}`}>
              <input type="checkbox" checked={selected.includes(o.value)} onChange={() => toggle(o.value)} />
              <span className="ms-option-label">{o.label}</span>
              {o.hint && <span className="ms-hint">{o.hint}</span>}
            </label>
          ))}
          {selected.length > 0 && (
            <button type="button" className="btn link ms-clear" onClick={() => onChange([])}>
              {t('filter.clear')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
