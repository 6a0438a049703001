import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { RowError } from '../../../../shared/contract/imports.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';

const ROW_HEIGHT = 30;
/** Up to this many rows the table is drawn whole; beyond, only the rows in view exist (main sends up to 500). */
const VISIBLE_ROWS = 12;

/**
 * Row-level problems: file, row (as the spreadsheet numbers it), column, why. Main's words are shown as text; long
 * lists are virtualized in a fixed-height box so a file with hundreds of bad rows keeps the page responsive.
 */
export function RowErrorTable({ errors, total }: { errors: readonly RowError[]; total: number }) {
  const t = useT();
  const fmt = useFormat();
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({ count: errors.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const errorCount = errors.filter((e) => e.severity === 'error').length;
  const height = Math.min(errors.length, VISIBLE_ROWS) * ROW_HEIGHT;

  return (
    <div className="row-errors" data-testid="row-errors" data-total={total}>
      <p className="muted small">
        {t('imports.errorsCount', { errors: fmt.number(errorCount), warnings: fmt.number(errors.length - errorCount) })}
        {total > errors.length && <> · {t('imports.errorsShown', { shown: fmt.number(errors.length), total: fmt.number(total) })}</>}
      </p>
      <div className="vtable" role="table" aria-label={t('imports.errorsTitle')} aria-rowcount={errors.length + 1}>
        <div className="vtable-row vtable-head" role="row">
          <span role="columnheader">{t('imports.col.file')}</span>
          <span role="columnheader" className="num">
            {t('imports.col.row')}
          </span>
          <span role="columnheader">{t('imports.col.column')}</span>
          <span role="columnheader">{t('imports.col.why')}</span>
        </div>
        <div ref={scrollRef} className="vtable-body" style={{ height }} role="rowgroup">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const e = errors[v.index];
              if (!e) return null;
              return (
                <div
                  key={v.key}
                  role="row"
                  aria-rowindex={v.index + 2}
                  className={`vtable-row sev-${e.severity}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                  data-testid="row-error"
                  data-file={e.file}
                  data-row={e.row ?? ''}
                  data-column={e.column ?? ''}
                  data-severity={e.severity}
                  title={e.message}
                >
                  <span role="cell" className="ellipsis">
                    {e.file}
                  </span>
                  <span role="cell" className="num tabular">
                    {e.row ?? t('imports.wholeFile')}
                  </span>
                  <span role="cell" className="ellipsis">
                    {e.column ?? (e.row === null ? '' : t('imports.wholeRow'))}
                  </span>
                  <span role="cell" className="ellipsis">
                    <span className={`chip sev-chip sev-${e.severity}`}>{t(`imports.severity.${e.severity}`)}</span> {e.message}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
