import { useMemo } from 'react';
import { GENERIC_FIELDS, GENERIC_REQUIRED, type GenericField, type InspectResult } from '../../../../shared/contract/imports.js';
import { describedBy, Field } from '../../components/Field.js';
import { useT, type T } from '../../i18n/index.js';
import { setMapping, useImports, type MappingDraft } from '../../state/imports.js';
import { checkMapping, isBlocking, oneOfGroup, sampleValue, type MappingCheck, type Problem } from './mapping-check.js';
import { PresetBar } from './PresetBar.js';

/** Currencies a seller on these platforms deals in; empty keeps the shop's own (any ISO code). */
const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'TWD', 'KRW', 'AUD', 'CAD', 'SGD'] as const;

/** Whole hours from UTC−12 to UTC+14, and the half/quarter hours sellers in India, Nepal and Central Australia use. */
const OFFSETS = [...Array.from({ length: 27 }, (_, i) => (i - 12) * 60), 330, 345, 570].sort((a, b) => a - b);

function offsetLabel(min: number): string {
  const sign = min < 0 ? '−' : '+';
  const abs = Math.abs(min);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

function problemText(t: T, p: Problem): string {
  switch (p.kind) {
    case 'required':
      return t('imports.check.required');
    case 'oneOf':
      return t('imports.check.oneOf', { fields: p.fields.map((f) => t(`importField.${f}`)).join(' / ') });
    case 'absent':
      return t('imports.check.absent', { header: p.header });
    case 'duplicate':
      return t('imports.check.duplicate', { fields: p.fields.map((f) => t(`importField.${f}`)).join(', ') });
  }
}

export function useMappingCheck(inspect: InspectResult | undefined): MappingCheck | null {
  const columns = useImports((s) => s.mapping.columns);
  return useMemo(() => (inspect ? checkMapping(columns, inspect.headers) : null), [columns, inspect]);
}

/**
 * Step 2 for a file with its own layout: which column holds each ShopDesk field. Each field has a select of the
 * file's headers, the value in the first data row beside it, and a live check with main's rules; presets keep a
 * mapping for the next export of the same kind.
 */
export function MappingEditor({ inspect, shopCurrency }: { inspect: InspectResult; shopCurrency: string | null }) {
  const t = useT();
  const mapping = useImports((s) => s.mapping);
  const check = useMappingCheck(inspect);
  const put = (patch: Partial<MappingDraft>) => setMapping({ ...mapping, ...patch });
  const setColumn = (f: GenericField, header: string) => {
    const columns = { ...mapping.columns };
    if (header) columns[f] = header;
    else delete columns[f];
    put({ columns });
  };
  // A header saved in a preset for another export stays selectable (and is flagged) instead of vanishing.
  const extra = useMemo(
    () => [...new Set(Object.values(mapping.columns).filter((h): h is string => !!h && !inspect.headers.includes(h)))],
    [mapping.columns, inspect.headers],
  );
  const noStatus = !mapping.columns.status;

  return (
    <section className="import-card" data-testid="mapping-editor">
      <h2>{t('imports.mapTitle')}</h2>
      <p className="muted">{t('imports.mapHint')}</p>
      <PresetBar />
      <div className="form-row">
        <Field id="import-currency" label={t('imports.currency')}>
          <select id="import-currency" data-testid="import-currency" value={mapping.currency ?? ''} onChange={(e) => put({ currency: e.target.value || null })}>
            <option value="">{t('imports.currencyShop', { currency: shopCurrency ?? '—' })}</option>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Field>
        <Field id="import-offset" label={t('imports.utcOffset')} hint={t('imports.utcOffsetHint')}>
          <select
            id="import-offset"
            data-testid="import-offset"
            value={mapping.utcOffsetMinutes}
            aria-describedby={describedBy('import-offset')}
            onChange={(e) => put({ utcOffsetMinutes: Number(e.target.value) })}
          >
            {OFFSETS.map((o) => (
              <option key={o} value={o}>
                {offsetLabel(o)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <table className="data-table mapping-table">
        <thead>
          <tr>
            <th>{t('imports.col.field')}</th>
            <th>{t('imports.col.fileColumn')}</th>
            <th>{t('imports.col.firstRow')}</th>
            <th>{t('imports.col.check')}</th>
          </tr>
        </thead>
        <tbody>
          {GENERIC_FIELDS.map((f) => {
            const problems = check?.byField[f] ?? [];
            const required = GENERIC_REQUIRED.includes(f);
            const group = oneOfGroup(f);
            const bad = problems.some(isBlocking);
            const id = `map-${f}`;
            return (
              <tr key={f} data-testid="mapping-row" data-field={f} data-state={bad ? 'error' : problems.length ? 'warning' : mapping.columns[f] ? 'ok' : 'none'}>
                <th scope="row">
                  <label htmlFor={id}>
                    {t(`importField.${f}`)}
                    {required && (
                      <abbr className="required-mark" title={t('imports.required')}>
                        {' *'}
                      </abbr>
                    )}
                    {group && <span className="muted small"> ({group.map((g) => t(`importField.${g}`)).join(' / ')})</span>}
                  </label>
                </th>
                <td>
                  <select id={id} data-testid={id} value={mapping.columns[f] ?? ''} aria-invalid={bad} aria-describedby={`${id}-check`} onChange={(e) => setColumn(f, e.target.value)}>
                    <option value="">{t('imports.unmapped')}</option>
                    {inspect.headers.map((h, i) => (
                      <option key={`${i}-${h}`} value={h}>
                        {h}
                      </option>
                    ))}
                    {extra.map((h) => (
                      <option key={`x-${h}`} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="sample-cell">{sampleValue(inspect.headers, inspect.sample, mapping.columns[f])}</td>
                <td id={`${id}-check`} className={bad ? 'error-text' : problems.length ? 'warn-text' : 'muted'}>
                  {problems.length ? problems.map((p) => problemText(t, p)).join(' ') : mapping.columns[f] ? t('imports.check.ok') : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={check?.blocking ? 'error-text' : 'ok-text'} role="status" data-testid="mapping-status" data-blocking={check?.blocking ?? 0}>
        {check?.blocking ? t('imports.check.problems', { n: check.blocking }) : t('imports.check.allGood')}
      </p>
      {noStatus && <p className="muted small">{t('imports.check.noStatus')}</p>}
    </section>
  );
}
