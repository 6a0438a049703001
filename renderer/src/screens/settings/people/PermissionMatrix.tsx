import { useCallback, useEffect, useState } from 'react';
import { PERMISSIONS, ROLES, type Permission, type Role } from '../../../../../shared/domain/people.js';
import { api } from '../../../api/client.js';
import { asApiError, type ApiError } from '../../../api/errors.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useLang, useT } from '../../../i18n/index.js';
import { STAFF_ROLES, type StaffRole } from './roles.js';

type Grants = Record<Role, Permission[]>;

function same(a: readonly Permission[], b: readonly Permission[]): boolean {
  return a.length === b.length && a.every((p) => b.includes(p));
}

/**
 * Roles × permissions. The owner's column is all on and fixed; owner-only permissions are listed (so nobody wonders
 * where they went) but cannot be ticked for a role. Each role is saved on its own, as main stores it.
 */
export function PermissionMatrix({ onSaved }: { onSaved: (role: StaffRole) => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [saved, setSaved] = useState<Grants | null>(null);
  const [draft, setDraft] = useState<Grants | null>(null);
  const [ownerOnly, setOwnerOnly] = useState<readonly Permission[]>([]);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState<StaffRole | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    api.invoke('people.permissions', {}).then(
      (r) => {
        setSaved(r.roles);
        setDraft(r.roles);
        setOwnerOnly(r.ownerOnly);
      },
      (e: unknown) => setLoadError(asApiError(e)),
    );
  }, []);
  useEffect(load, [load]);

  if (loadError) return <ErrorBox compact title={t('perms.loadError')} error={loadError} onRetry={load} />;
  if (!saved || !draft) return <p className="muted">{t('common.loading')}</p>;

  const dirty = STAFF_ROLES.filter((r) => !same(saved[r], draft[r]));
  const toggle = (role: StaffRole, p: Permission, on: boolean) =>
    setDraft({ ...draft, [role]: PERMISSIONS.filter((x) => (x === p ? on : draft[role].includes(x))) });

  const save = (role: StaffRole) => {
    setSaving(role);
    setSaveError(null);
    api.invoke('people.setPermissions', { role, permissions: draft[role] }).then(
      (result) => {
        setSaving(null);
        setSaved((s) => (s ? { ...s, [role]: result } : s));
        setDraft((d) => (d ? { ...d, [role]: result } : d));
        onSaved(role);
      },
      (e: unknown) => {
        setSaving(null);
        setSaveError(asApiError(e));
      },
    );
  };

  return (
    <div className="perm-matrix-wrap">
      <table className="data-table perm-matrix" data-testid="perm-matrix">
        <thead>
          <tr>
            <th>{t('perms.col')}</th>
            {ROLES.map((r) => (
              <th key={r} className="perm-role" data-role={r}>
                {t(`role.${r}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PERMISSIONS.map((p) => {
            const locked = ownerOnly.includes(p);
            return (
              <tr key={p} data-testid="perm-row" data-permission={p} className={locked ? 'owner-only' : undefined}>
                <th scope="row">
                  <div className="perm-name">
                    {t(`perm.${p}`)}
                    {locked && (
                      <span className="chip neutral" title={t('perms.ownerOnlyHint')}>
                        {t('perms.ownerOnly')}
                      </span>
                    )}
                  </div>
                  <div className="perm-hint muted">{t(`permHint.${p}`)}</div>
                </th>
                {ROLES.map((r) => {
                  const fixed = r === 'owner' || locked;
                  const checked = r === 'owner' || draft[r].includes(p);
                  const changed = r !== 'owner' && checked !== saved[r].includes(p);
                  return (
                    <td key={r} className={changed ? 'perm-cell changed' : 'perm-cell'}>
                      <input
                        type="checkbox"
                        data-testid={`perm-${r}-${p}`}
                        aria-label={`${t(`role.${r}`)} · ${t(`perm.${p}`)}`}
                        title={locked && r !== 'owner' ? t('perms.ownerOnlyHint') : undefined}
                        checked={checked}
                        disabled={fixed || saving === r}
                        onChange={(e) => r !== 'owner' && toggle(r, p, e.target.checked)}
                      />
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td>{dirty.length > 0 && <span className="unsaved">{t('perms.unsaved', { roles: new Intl.ListFormat(lang).format(dirty.map((r) => t(`role.${r}`))) })}</span>}</td>
            <td />
            {STAFF_ROLES.map((r) => {
              const isDirty = dirty.includes(r);
              return (
                <td key={r} className="perm-actions">
                  <button
                    type="button"
                    className={isDirty ? 'btn primary' : 'btn'}
                    data-testid={`perm-save-${r}`}
                    disabled={!isDirty || saving !== null}
                    title={t('perms.saveRole', { role: t(`role.${r}`) })}
                    onClick={() => save(r)}
                  >
                    {saving === r ? t('form.saving') : t('perms.save')}
                  </button>
                  {isDirty && (
                    <button type="button" className="btn link" data-testid={`perm-reset-${r}`} onClick={() => setDraft({ ...draft, [r]: saved[r] })}>
                      {t('perms.reset')}
                    </button>
                  )}
                </td>
              );
            })}
          </tr>
        </tfoot>
      </table>
      {saveError && <ErrorBox compact title={t('perms.saveError')} error={saveError} />}
    </div>
  );
}
