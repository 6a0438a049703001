import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SkuSuggestion } from '../../../../../shared/contract/manual-orders.js';
import { api } from '../../../api/client.js';
import { useFormat } from '../../../i18n/format.js';
import { useT } from '../../../i18n/index.js';
import { emptyLine, type LineDraft } from './form-state.js';

interface Props {
  shopId: number | null;
  currency: string;
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  /** Line amounts for display (null: not parseable yet). */
  amounts: (number | null)[];
  /** Messages by field path ("lines.0.qty", "lines"). */
  errors: Record<string, string>;
}

const SUGGEST_DEBOUNCE_MS = 150;

/** A cell's problem under it, read with the cell (aria-describedby points here). */
function LineError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <div className="field-error" id={id} data-testid={id} role="alert">
      {text}
    </div>
  );
}

/**
 * The order's lines as a small keyboard grid: Enter in any cell adds a line below and moves to its SKU code,
 * Ctrl+Delete removes the line. A SKU code the list knows fills the title and the price it last sold at (a datalist
 * offers codes as they are typed).
 */
export function LinesEditor({ shopId, currency, lines, onChange, amounts, errors }: Props) {
  const t = useT();
  const fmt = useFormat();
  const skuInputs = useRef(new Map<number, HTMLInputElement>());
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const [typing, setTyping] = useState<{ key: number; prefix: string } | null>(null);
  const [suggestions, setSuggestions] = useState<SkuSuggestion[]>([]);
  const linesRef = useRef(lines);
  linesRef.current = lines;

  useEffect(() => {
    if (focusKey === null) return;
    skuInputs.current.get(focusKey)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  // Suggestions for the code being typed; an exact match fills an empty title and price.
  useEffect(() => {
    if (!typing || !shopId || !typing.prefix.trim()) return;
    let live = true;
    const timer = setTimeout(() => {
      api.invoke('orders.skuSuggest', { shopId, prefix: typing.prefix.trim() }).then(
        (list) => {
          if (!live) return;
          setSuggestions(list);
          const exact = list.find((s) => s.code === typing.prefix.trim());
          if (!exact) return;
          const cur = linesRef.current;
          const next = cur.map((l) => (l.key === typing.key && l.skuCode.trim() === exact.code ? { ...l, title: l.title || exact.title, unitPrice: l.unitPrice || (exact.unitPrice ?? '') } : l));
          if (next.some((l, i) => l !== cur[i])) onChange(next);
        },
        () => undefined, // suggestions are a help; typing goes on without them
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [typing, shopId, onChange]);

  const set = (key: number, patch: Partial<LineDraft>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const addAfter = (key: number | null) => {
    const line = emptyLine();
    const at = key === null ? lines.length : lines.findIndex((l) => l.key === key) + 1;
    onChange([...lines.slice(0, at), line, ...lines.slice(at)]);
    setFocusKey(line.key);
  };
  const remove = (key: number) => {
    const at = lines.findIndex((l) => l.key === key);
    const rest = lines.filter((l) => l.key !== key);
    onChange(rest.length ? rest : [emptyLine()]);
    const next = rest[Math.min(at, rest.length - 1)];
    if (next) setFocusKey(next.key);
  };
  const cellKeys = (key: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      addAfter(key);
    } else if (e.key === 'Delete' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      remove(key);
    }
  };
  const err = (i: number, f: string) => errors[`lines.${i}.${f}`];
  const cell = (id: string, i: number, f: string) => ({ id, 'data-testid': id, 'aria-invalid': err(i, f) !== undefined, 'aria-describedby': err(i, f) ? `${id}-msg` : undefined });

  return (
    <fieldset data-testid="mo-lines">
      <legend>{t('mo.lines')}</legend>
      <datalist id="mo-sku-options">
        {suggestions.map((s) => (
          <option key={s.code} value={s.code}>
            {s.title}
          </option>
        ))}
      </datalist>
      <table className="mo-lines">
        <thead>
          <tr>
            <th title={t('mo.skuHint')}>{t('mo.sku')}</th>
            <th>{t('mo.itemTitle')}</th>
            <th className="num">{t('mo.qty')}</th>
            <th className="num">{t('mo.unitPrice')}</th>
            <th className="num">{t('mo.lineTotal')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={l.key} data-testid="mo-line">
              <td>
                <input
                  {...cell(`mo-line-${i}-sku`, i, 'skuCode')}
                  ref={(el) => {
                    if (el) skuInputs.current.set(l.key, el);
                    else skuInputs.current.delete(l.key);
                  }}
                  className="input mono"
                  list="mo-sku-options"
                  aria-label={`${t('mo.sku')} ${i + 1}`}
                  value={l.skuCode}
                  maxLength={100}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => {
                    set(l.key, { skuCode: e.target.value });
                    setTyping({ key: l.key, prefix: e.target.value });
                  }}
                  onKeyDown={cellKeys(l.key)}
                />
              </td>
              <td>
                <input {...cell(`mo-line-${i}-title`, i, 'title')} className="input" aria-label={`${t('mo.itemTitle')} ${i + 1}`} value={l.title} maxLength={200} onChange={(e) => set(l.key, { title: e.target.value })} onKeyDown={cellKeys(l.key)} />
                <LineError id={`mo-line-${i}-title-msg`} text={err(i, 'title')} />
              </td>
              <td className="qty">
                <input {...cell(`mo-line-${i}-qty`, i, 'qty')} className="input num" inputMode="numeric" aria-label={`${t('mo.qty')} ${i + 1}`} value={l.qty} maxLength={6} onChange={(e) => set(l.key, { qty: e.target.value })} onKeyDown={cellKeys(l.key)} />
                <LineError id={`mo-line-${i}-qty-msg`} text={err(i, 'qty')} />
              </td>
              <td className="price">
                <input {...cell(`mo-line-${i}-price`, i, 'unitPrice')} className="input num" inputMode="decimal" aria-label={`${t('mo.unitPrice')} ${i + 1}`} value={l.unitPrice} maxLength={20} placeholder="0.00" onChange={(e) => set(l.key, { unitPrice: e.target.value })} onKeyDown={cellKeys(l.key)} />
                <LineError id={`mo-line-${i}-price-msg`} text={err(i, 'unitPrice')} />
              </td>
              <td className="num" data-testid={`mo-line-${i}-amount`}>
                {amounts[i] === null || amounts[i] === undefined ? '—' : fmt.money(amounts[i], currency)}
              </td>
              <td>
                <button type="button" className="btn icon" tabIndex={-1} aria-label={t('mo.removeLine', { n: i + 1 })} title={`${t('mo.removeLine', { n: i + 1 })} (Ctrl+Delete)`} onClick={() => remove(l.key)}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.lines && (
        <div className="field-error" role="alert">
          {errors.lines}
        </div>
      )}
      <div>
        <button type="button" className="btn" data-testid="mo-add-line" onClick={() => addAfter(null)}>
          + {t('mo.addLine')} <kbd>Enter</kbd>
        </button>
      </div>
    </fieldset>
  );
}
