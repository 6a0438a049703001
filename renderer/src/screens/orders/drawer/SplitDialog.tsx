import { useState, type FormEvent } from 'react';
import type { OrderDetail } from '../../../../../shared/domain/order.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useT } from '../../../i18n/index.js';
import { Modal } from '../manual/Modal.js';
import { checkSplit, initialGrid, MAX_PARTS, MIN_PARTS, resizeGrid, type SplitGrid, type SplitProblem } from './split-form.js';

interface Props {
  order: OrderDetail;
  onClose: () => void;
  onDone: (parcels: number) => void;
}

/**
 * Split an order into 2–20 parcels: a grid of lines × parcels, each cell the units of that line in that parcel.
 * Checked before sending (each line adds up to its quantity, no parcel is empty); main's refusal shows as it says it.
 */
export function SplitDialog({ order: o, onClose, onDone }: Props) {
  const t = useT();
  const lines = o.lines.map((l) => ({ id: l.id, qty: l.qty }));
  const [grid, setGrid] = useState<SplitGrid>(() => initialGrid(lines, MIN_PARTS));
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const parts = grid[0]?.length ?? MIN_PARTS;
  const check = checkSplit(lines, grid);
  const problems: SplitProblem[] = tried && !check.ok ? check.problems : [];
  const cellBad = (li: number, p: number) => problems.some((x) => x.kind === 'cellBad' && x.line === li && x.part === p);

  const say = (p: SplitProblem): string => {
    switch (p.kind) {
      case 'cellBad':
        return t('split.problem.cell', { line: li(p.line), part: p.part + 1 });
      case 'lineSum':
        return t('split.problem.sum', { line: li(p.line), sum: p.sum, qty: p.qty });
      case 'partEmpty':
        return t('split.problem.empty', { part: p.part + 1 });
    }
  };
  const li = (i: number) => o.lines[i]?.skuCode ?? o.lines[i]?.title ?? String(i + 1);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    const c = checkSplit(lines, grid);
    if (!c.ok || busy) return;
    run(
      () => api.invoke('orders.split', { orderId: o.id, parts: c.parts }),
      (r) => onDone(r.parcels.length),
    );
  };

  return (
    <Modal title={t('split.title', { id: o.platformOrderId })} testId="split-dialog" onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="split-form">
        <p className="muted">{t('split.hint')}</p>
        <div className="split-grid-wrap">
          <table className="lines split-grid">
            <thead>
              <tr>
                <th>{t('drawer.sku')}</th>
                <th>{t('drawer.title')}</th>
                <th className="num">{t('drawer.qty')}</th>
                {Array.from({ length: parts }, (_, p) => (
                  <th key={p} className="num">
                    {t('split.part', { n: p + 1 })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {o.lines.map((l, i) => {
                const sum = problems.find((x) => x.kind === 'lineSum' && x.line === i);
                return (
                  <tr key={l.id} data-testid="split-line" className={sum ? 'invalid' : undefined}>
                    <td className="mono">{l.skuCode ?? l.platformSku ?? ''}</td>
                    <td>{l.title}</td>
                    <td className="num">{l.qty}</td>
                    {Array.from({ length: parts }, (_, p) => (
                      <td key={p} className="num">
                        <input
                          className="input cond-num"
                          data-testid={`split-${i}-${p}`}
                          aria-label={t('split.cell', { line: li(i), part: p + 1 })}
                          inputMode="numeric"
                          value={grid[i]?.[p] ?? ''}
                          aria-invalid={cellBad(i, p) || sum !== undefined}
                          onFocus={(e) => e.target.select()}
                          onChange={(e) => setGrid(grid.map((row, ri) => (ri === i ? row.map((c, pi) => (pi === p ? e.target.value : c)) : row)))}
                        />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="form-row">
          <button type="button" className="btn" data-testid="split-add-part" disabled={parts >= MAX_PARTS} onClick={() => setGrid(resizeGrid(grid, parts + 1))}>
            {t('split.addPart')}
          </button>
          <button type="button" className="btn" data-testid="split-remove-part" disabled={parts <= MIN_PARTS} onClick={() => setGrid(resizeGrid(grid, parts - 1))}>
            {t('split.removePart')}
          </button>
        </div>
        {problems.length > 0 && (
          <ul className="field-error split-problems" role="alert" data-testid="split-problems">
            {problems.map((p, i) => (
              <li key={i}>{say(p)}</li>
            ))}
          </ul>
        )}
        {error && <ErrorBox compact title={t('split.error')} error={error} />}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('decide.cancel')}
          </button>
          <button type="submit" className="btn primary" data-testid="split-submit" aria-disabled={busy}>
            {busy ? t('split.busy') : t('split.submit', { n: parts })}
          </button>
        </div>
      </form>
    </Modal>
  );
}
