import type { ReactNode } from 'react';
import { AUDIT_CHECKS } from '../../../../../shared/domain/audit.js';
import { PLATFORMS } from '../../../../../shared/domain/ids.js';
import type { ShopInfo } from '../../../../../shared/domain/shop.js';
import { PAYMENT } from '../../../../../shared/domain/status.js';
import { describedBy } from '../../../components/Field.js';
import { useT, type T } from '../../../i18n/index.js';
import {
  CONDITION_FIELDS,
  FIELD_KIND,
  FIELD_OPS,
  changeField,
  isListField,
  isNumberField,
  type ConditionDraft,
  type ConditionField,
  type ConditionOp,
  type Problems,
  type RemarkTarget,
} from './rule-form.js';

interface Props {
  index: number;
  draft: ConditionDraft;
  shops: readonly ShopInfo[];
  problems: Problems;
  onChange: (d: ConditionDraft) => void;
  onRemove: () => void;
}

const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'AUD', 'CAD'] as const;
const TARGETS: readonly RemarkTarget[] = ['buyer_message', 'seller_memo', 'either'];

function problemText(t: T, problems: Problems, key: string): string | null {
  const p = problems[key];
  return p ? t(`rules.problem.${p}`) : null;
}

/** A row of checkboxes for a pick list (shops, platforms, payment states, checks). */
function Picks({ id, options, picked, onChange, error }: { id: string; options: { value: string; label: string }[]; picked: string[]; onChange: (v: string[]) => void; error: string | null }) {
  return (
    <div className="cond-picks" role="group" aria-invalid={error !== null} aria-describedby={describedBy(id)} data-testid={id}>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="checkbox"
            data-testid={`${id}-${o.value}`}
            checked={picked.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...picked, o.value] : picked.filter((x) => x !== o.value))}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

/**
 * One condition: which field, how it compares, and the value(s) in the input that fits the field — a pick list, a
 * decimal amount with its currency, a whole number, or a typed list. Its mistakes show under it.
 */
export function ConditionRow({ index, draft: d, shops, problems, onChange, onRemove }: Props) {
  const t = useT();
  const id = `cond-${index}`;
  const kind = FIELD_KIND[d.field];
  const set = (patch: Partial<ConditionDraft>) => onChange({ ...d, ...patch });
  const errors = ['values', 'value', 'value2', 'currency'].map((k) => problemText(t, problems, `cond.${index}.${k}`)).filter((x): x is string => x !== null);
  const bad = (k: string) => problems[`cond.${index}.${k}`] !== undefined;

  const input = (part: 'value' | 'value2', label: string) => (
    <input
      className="input cond-num"
      data-testid={`${id}-${part}`}
      aria-label={label}
      inputMode={kind === 'amount' ? 'decimal' : 'numeric'}
      value={d[part]}
      aria-invalid={bad(part)}
      aria-describedby={describedBy(id)}
      onChange={(e) => set({ [part]: e.target.value })}
    />
  );

  let value: ReactNode = null;
  switch (kind) {
    case 'shops':
      value = (
        <Picks
          id={`${id}-values`}
          options={shops.map((s) => ({ value: String(s.id), label: s.name }))}
          picked={d.picked}
          onChange={(picked) => set({ picked })}
          error={problemText(t, problems, `cond.${index}.values`)}
        />
      );
      break;
    case 'platforms':
      value = <Picks id={`${id}-values`} options={PLATFORMS.map((p) => ({ value: p, label: t(`platformShort.${p}`) }))} picked={d.picked} onChange={(picked) => set({ picked })} error={problemText(t, problems, `cond.${index}.values`)} />;
      break;
    case 'payments':
      value = <Picks id={`${id}-values`} options={PAYMENT.map((p) => ({ value: p, label: t(`payment.${p}`) }))} picked={d.picked} onChange={(picked) => set({ picked })} error={problemText(t, problems, `cond.${index}.values`)} />;
      break;
    case 'checks':
      value = <Picks id={`${id}-values`} options={AUDIT_CHECKS.map((c) => ({ value: c, label: t(`flagReason.${c}`) }))} picked={d.picked} onChange={(picked) => set({ picked })} error={problemText(t, problems, `cond.${index}.values`)} />;
      break;
    case 'amount':
      value = (
        <span className="cond-values">
          {input('value', t('rules.cond.amount'))}
          {d.op === 'between' && <span>{t('rules.cond.and')}</span>}
          {d.op === 'between' && input('value2', t('rules.cond.amount2'))}
          <select className="input" data-testid={`${id}-currency`} aria-label={t('rules.cond.currency')} value={d.currency} aria-invalid={bad('currency')} onChange={(e) => set({ currency: e.target.value })}>
            <option value="">{t('rules.cond.anyCurrency')}</option>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </span>
      );
      break;
    case 'number':
    case 'hour':
      value = (
        <span className="cond-values">
          {input('value', t('rules.cond.value'))}
          {d.op === 'between' && <span>{t(kind === 'hour' ? 'rules.cond.toHour' : 'rules.cond.and')}</span>}
          {d.op === 'between' && input('value2', t('rules.cond.value2'))}
          {isNumberField(d.field) && <span className="muted small">{t(`rules.cond.unit.${d.field}`)}</span>}
        </span>
      );
      break;
    case 'remark':
    case 'text':
      value = (
        <span className="cond-values grow">
          {kind === 'remark' && (
            <select className="input" data-testid={`${id}-target`} aria-label={t('rules.cond.target')} value={d.target} onChange={(e) => set({ target: e.target.value as RemarkTarget })}>
              {TARGETS.map((x) => (
                <option key={x} value={x}>
                  {t(`cond.target.${x}`)}
                </option>
              ))}
            </select>
          )}
          {(kind === 'text' || d.op === 'contains') && (
            <input
              className="input grow"
              data-testid={`${id}-text`}
              aria-label={t('rules.cond.list')}
              placeholder={isListField(d.field) ? t(`rules.cond.placeholder.${d.field}`) : undefined}
              value={d.text}
              aria-invalid={bad('values')}
              aria-describedby={describedBy(id)}
              onChange={(e) => set({ text: e.target.value })}
            />
          )}
        </span>
      );
      break;
    case 'none':
      break;
  }

  return (
    <li className="cond-row" data-testid="cond-row" data-field={d.field}>
      <div className="cond-line">
        <select className="input" data-testid={`${id}-field`} aria-label={t('rules.cond.field')} value={d.field} onChange={(e) => onChange(changeField(d, e.target.value as ConditionField))}>
          {CONDITION_FIELDS.map((f) => (
            <option key={f} value={f}>
              {t(`cond.field.${f}`)}
            </option>
          ))}
        </select>
        <select className="input" data-testid={`${id}-op`} aria-label={t('rules.cond.op')} value={d.op} onChange={(e) => set({ op: e.target.value as ConditionOp })}>
          {FIELD_OPS[d.field].map((o) => (
            <option key={o} value={o}>
              {t(`cond.op.${o}`)}
            </option>
          ))}
        </select>
        {value}
        <button type="button" className="btn icon" data-testid={`${id}-remove`} aria-label={t('rules.cond.remove')} title={t('rules.cond.remove')} onClick={onRemove}>
          ×
        </button>
      </div>
      {errors.length > 0 ? (
        <div className="field-error" id={describedBy(id)} role="alert" data-testid={`${id}-error`}>
          {errors.join(' ')}
        </div>
      ) : (
        <div className="field-hint muted" id={describedBy(id)}>
          {t(`rules.cond.hint.${kind}`)}
        </div>
      )}
    </li>
  );
}
