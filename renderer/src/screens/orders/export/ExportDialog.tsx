import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ExportFormat, ExportRequest } from '../../../../../shared/contract/exports.js';
import { api } from '../../../api/client.js';
import { ApiError, asApiError, type ApiErrorCode } from '../../../api/errors.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { Field } from '../../../components/Field.js';
import { useFormat } from '../../../i18n/format.js';
import { useLang, useT } from '../../../i18n/index.js';
import type { ListQuery } from '../../../state/orders-view.js';
import { Modal } from '../manual/Modal.js';
import { useExportJob } from './use-export-job.js';

const pad = (n: number) => String(n).padStart(2, '0');
const dayText = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** "2026-11-25" → local midnight (ms); `next` → the midnight after it, so the last day is included. */
function dayStart(text: string, next = false): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (next ? 1 : 0)).getTime() : null;
}

/**
 * Export this view (the same tab, filters and sort as the list) or the shipments of a date range, to CSV or XLSX.
 * Shows progress, can be stopped; when done the file is offered: a download link in a browser, Save as… in the app.
 */
export function ExportDialog({ view, viewCount, onClose }: { view: ListQuery; viewCount: number | null; onClose: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang((s) => s.lang);
  const today = new Date();
  const [what, setWhat] = useState<'orders' | 'shipments'>('orders');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [from, setFrom] = useState(dayText(new Date(today.getFullYear(), today.getMonth(), 1)));
  const [to, setTo] = useState(dayText(today));
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const { job, error, starting, start, cancel, reset } = useExportJob();
  const doneRef = useRef<HTMLElement | null>(null);

  const fromMs = dayStart(from);
  const toMs = dayStart(to, true);
  const rangeErr = !tried || what !== 'shipments' ? null : fromMs === null || toMs === null ? t('ex.dateRequired') : fromMs >= toMs ? t('ex.rangeBad') : null;
  const running = job?.state === 'running';
  const desktop = window.shopdesk !== undefined;

  useEffect(() => {
    if (job?.state === 'done') doneRef.current?.focus();
  }, [job?.state]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (running || starting) return;
    setTried(true);
    const common = { format, lang, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
    let req: ExportRequest;
    if (what === 'orders') req = { kind: 'orders', view: { queue: view.queue, shopIds: view.shopIds, platforms: view.platforms, search: view.search, sort: view.sort }, ...common };
    else {
      if (fromMs === null || toMs === null || fromMs >= toMs) return;
      req = { kind: 'shipments', from: fromMs, to: toMs, ...common };
    }
    setSaved(null);
    reset();
    start(req);
  };

  const saveAs = () => {
    if (!job) return;
    setSaveError(null);
    api.invoke('exports.save', { id: job.id }).then(
      (r) => setSaved(r.savedTo),
      (e: unknown) => setSaveError(asApiError(e)),
    );
  };

  return (
    <Modal title={t('ex.title')} testId="export-dialog" onClose={onClose}>
      <form className="ex-form" data-testid="export-form" onSubmit={submit} noValidate>
        <fieldset className="ex-choice" disabled={running}>
          <legend>{t('ex.what')}</legend>
          <label>
            <input type="radio" name="ex-what" data-testid="ex-what-view" checked={what === 'orders'} onChange={() => setWhat('orders')} />
            <span>
              {t('ex.view', { n: viewCount === null ? '…' : fmt.number(viewCount) })}
              <div className="muted small">{t('ex.viewHint')}</div>
            </span>
          </label>
          <label>
            <input type="radio" name="ex-what" data-testid="ex-what-shipments" checked={what === 'shipments'} onChange={() => setWhat('shipments')} />
            <span>
              {t('ex.shipments')}
              <div className="muted small">{t('ex.shipmentsHint')}</div>
            </span>
          </label>
          {what === 'shipments' && (
            <div className="form-row">
              <Field id="ex-from" label={t('ex.from')} error={rangeErr}>
                <input id="ex-from" data-testid="ex-from" className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
              </Field>
              <Field id="ex-to" label={t('ex.to')}>
                <input id="ex-to" data-testid="ex-to" className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
              </Field>
            </div>
          )}
        </fieldset>
        <fieldset className="ex-choice" disabled={running}>
          <legend>{t('ex.format')}</legend>
          {(['csv', 'xlsx'] as const).map((f) => (
            <label key={f}>
              <input type="radio" name="ex-format" data-testid={`ex-format-${f}`} checked={format === f} onChange={() => setFormat(f)} />
              <span>{t(f === 'csv' ? 'ex.csv' : 'ex.xlsx')}</span>
            </label>
          ))}
        </fieldset>
        {job && running && (
          <div role="status" data-testid="ex-progress" data-rows={job.rows}>
            <progress className="ex-progress" max={job.total ?? undefined} value={job.total ? job.rows : undefined} />
            <div>{t('ex.progress', { rows: fmt.number(job.rows), total: job.total === null ? '…' : fmt.number(job.total) })}</div>
          </div>
        )}
        {job?.state === 'done' && (
          <div role="status" data-testid="ex-done">
            <p>{t('ex.done', { rows: fmt.number(job.rows) })}</p>
            {desktop ? (
              <button type="button" className="btn primary" data-testid="ex-save" ref={(el) => void (doneRef.current = el)} onClick={saveAs}>
                {t('ex.save')}
              </button>
            ) : (
              job.download && (
                <a className="btn primary" data-testid="ex-download" href={job.download} download={job.fileName} ref={(el) => void (doneRef.current = el)}>
                  {t('ex.download', { name: job.fileName })}
                </a>
              )
            )}
            {saved && <p className="muted small">{t('ex.savedTo', { path: saved })}</p>}
          </div>
        )}
        {job?.state === 'cancelled' && <p data-testid="ex-cancelled">{t('ex.cancelled')}</p>}
        {/* The job's error is main's {code, message} (toErrorPayload), carried as plain strings. */}
        {job?.state === 'failed' && job.error && <ErrorBox compact title={t('ex.failed')} error={new ApiError({ code: job.error.code as ApiErrorCode, message: job.error.message })} />}
        {error && <ErrorBox compact title={t('ex.failed')} error={error} />}
        {saveError && <ErrorBox compact title={t('ex.failed')} error={saveError} />}
        <div className="mo-actions">
          <span className="spacer" />
          {running ? (
            <button type="button" className="btn" data-testid="ex-cancel" onClick={cancel}>
              {t('ex.cancel')}
            </button>
          ) : (
            <button type="button" className="btn" data-testid="ex-close" onClick={onClose}>
              {t('ex.close')}
            </button>
          )}
          <button type="submit" className="btn primary" data-testid="ex-start" disabled={running} aria-disabled={starting}>
            {starting ? t('ex.starting') : t('ex.start')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
