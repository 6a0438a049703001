import { Fragment } from 'react';
import type { OperatorInfo } from '../../../../../shared/domain/people.js';
import { useFormat } from '../../../i18n/format.js';
import { useT } from '../../../i18n/index.js';
import { EditOperator } from './EditOperator.js';

interface Props {
  operators: OperatorInfo[];
  currentId: number | null;
  editing: number | null;
  onEdit: (id: number | null) => void;
  onSaved: (op: OperatorInfo) => void;
}

/** The operators, each row with its editor opening underneath it (one at a time). */
export function OperatorTable({ operators, currentId, editing, onEdit, onSaved }: Props) {
  const t = useT();
  const fmt = useFormat();
  return (
    <table className="data-table" data-testid="people-table">
      <thead>
        <tr>
          <th>{t('people.col.name')}</th>
          <th>{t('people.col.role')}</th>
          <th>{t('people.col.pin')}</th>
          <th>{t('people.col.status')}</th>
          <th>{t('people.col.lastSeen')}</th>
          <th aria-label={t('people.edit')} />
        </tr>
      </thead>
      <tbody>
        {operators.map((op) => (
          <Fragment key={op.id}>
            <tr
              className={op.active ? undefined : 'inactive'}
              data-testid="operator-row"
              data-operator-id={op.id}
              data-name={op.name}
              data-role={op.role}
              data-has-pin={op.hasPin}
              data-active={op.active}
            >
              <td>
                <span className="op-avatar" aria-hidden="true">
                  {op.name.slice(0, 1)}
                </span>{' '}
                {op.name}
                {op.id === currentId && <span className="muted small"> · {t('people.you')}</span>}
              </td>
              <td>
                <span className={`chip role-${op.role}`}>{t(`role.${op.role}`)}</span>
              </td>
              <td>{op.hasPin ? t('people.pinSet') : <span className="muted">{t('people.pinNone')}</span>}</td>
              <td>{op.active ? t('people.active') : <span className="chip neutral">{t('people.inactive')}</span>}</td>
              <td className="tabular">{op.lastSeenAt ? fmt.dateTime(op.lastSeenAt) : <span className="muted">{t('people.never')}</span>}</td>
              <td className="row-actions">
                <button
                  type="button"
                  className="btn"
                  data-testid="operator-edit"
                  aria-expanded={editing === op.id}
                  onClick={() => onEdit(editing === op.id ? null : op.id)}
                >
                  {t('people.edit')}
                </button>
              </td>
            </tr>
            {editing === op.id && (
              <tr className="editor-row">
                <td colSpan={6}>
                  <EditOperator
                    op={op}
                    onSaved={onSaved}
                    onCancel={() => {
                      onEdit(null);
                      // Back to the button that opened it, so the keyboard stays where the person was.
                      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-operator-id="${op.id}"] [data-testid="operator-edit"]`)?.focus());
                    }}
                  />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
