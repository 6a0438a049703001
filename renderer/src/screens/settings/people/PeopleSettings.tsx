import { useCallback, useEffect, useState } from 'react';
import type { OperatorInfo } from '../../../../../shared/domain/people.js';
import { api } from '../../../api/client.js';
import { asApiError, type ApiError } from '../../../api/errors.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useT, type MessageKey, type Vars } from '../../../i18n/index.js';
import { loadSession, useSession } from '../../../state/session.js';
import { AddOperator } from './AddOperator.js';
import { OperatorTable } from './OperatorTable.js';
import { PermissionMatrix } from './PermissionMatrix.js';
import type { StaffRole } from './roles.js';

/**
 * Settings → People (people.manage): the operators and what each role may do. The list comes from `people.list`,
 * which holds inactive people too, so someone deactivated (here or earlier) can be reactivated.
 */
export function PeopleSettings() {
  const t = useT();
  const currentId = useSession((s) => s.info?.operator?.id ?? null);
  const [operators, setOperators] = useState<OperatorInfo[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [note, setNote] = useState<{ key: MessageKey; vars: Vars } | null>(null);
  const [permSaved, setPermSaved] = useState<StaffRole | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    api.invoke('people.list', {}).then(setOperators, (e: unknown) => setLoadError(asApiError(e)));
  }, []);
  useEffect(load, [load]);

  const saved = (op: OperatorInfo) => {
    setOperators((list) => list?.map((o) => (o.id === op.id ? op : o)) ?? [op]);
    setEditing(null);
    setNote({ key: 'people.saved', vars: { name: op.name } });
    // The header shows the signed-in person's name and role: refresh it when that is who changed.
    if (op.id === currentId) loadSession();
  };
  const created = (op: OperatorInfo) => {
    setOperators((list) => [...(list ?? []), op]);
    setNote({ key: 'people.created', vars: { name: op.name } });
  };

  return (
    <div className="people-settings" data-testid="people-settings">
      <section className="card wide">
        <h2>{t('people.title')}</h2>
        <p className="muted">{t('people.hint')}</p>
        {loadError && <ErrorBox compact title={t('people.loadError')} error={loadError} onRetry={load} />}
        {!operators && !loadError && <p className="muted">{t('common.loading')}</p>}
        {operators && <OperatorTable operators={operators} currentId={currentId} editing={editing} onEdit={setEditing} onSaved={saved} />}
        <p className="muted small">{t('people.inactiveHint')}</p>
        <p className="saved-note" role="status" data-testid="people-note">
          {note && t(note.key, note.vars)}
        </p>
        <AddOperator onCreated={created} />
      </section>
      <section className="card wide">
        <h2>{t('perms.title')}</h2>
        <p className="muted">{t('perms.hint')}</p>
        <PermissionMatrix onSaved={setPermSaved} />
        <p className="saved-note" role="status" data-testid="perms-note">
          {permSaved && t('perms.saved', { role: t(`role.${permSaved}`) })}
        </p>
      </section>
    </div>
  );
}
