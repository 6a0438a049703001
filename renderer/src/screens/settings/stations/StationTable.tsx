import { useEffect, useRef, useState } from 'react';
import type { StationInfo } from '../../../../../shared/domain/people.js';
import { api } from '../../../api/client.js';
import { asApiError, type ApiError } from '../../../api/errors.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useFormat } from '../../../i18n/format.js';
import { useT } from '../../../i18n/index.js';

interface Props {
  stations: StationInfo[];
  /** The station this window is (marked; it is never offered for revoking). */
  ownId: number | null;
  onRevoked: (st: StationInfo) => void;
}

/** Revoking asks first, in the row itself; the safe answer ("keep it") has the focus. */
function RevokeCell({ st, onRevoked }: { st: StationInfo; onRevoked: (st: StationInfo) => void }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);

  const cancel = () => {
    setAsking(false);
    requestAnimationFrame(() => ask.current?.focus());
  };
  const revoke = () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    api.invoke('stations.revoke', { id: st.id }).then(
      (res) => {
        setBusy(false);
        setAsking(false);
        onRevoked(res);
      },
      (e: unknown) => {
        setBusy(false);
        setError(asApiError(e));
      },
    );
  };

  if (!asking) {
    return (
      <button ref={ask} type="button" className="btn danger-outline" data-testid="station-revoke" onClick={() => setAsking(true)}>
        {t('stations.revoke')}
      </button>
    );
  }
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-label={t('stations.revokeAsk', { name: st.name })}
      data-testid="station-revoke-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          cancel();
        }
      }}
    >
      <span>{t('stations.revokeAsk', { name: st.name })}</span>
      <button type="button" className="btn danger" data-testid="station-revoke-yes" aria-disabled={busy} onClick={revoke}>
        {t('stations.revokeYes')}
      </button>
      <button ref={keep} type="button" className="btn" data-testid="station-revoke-no" onClick={cancel}>
        {t('stations.revokeNo')}
      </button>
      {error && <ErrorBox compact title={t('stations.revokeError')} error={error} />}
    </div>
  );
}

export function StationTable({ stations, ownId, onRevoked }: Props) {
  const t = useT();
  const fmt = useFormat();
  return (
    <table className="data-table" data-testid="stations-table">
      <thead>
        <tr>
          <th>{t('stations.col.name')}</th>
          <th>{t('stations.col.kind')}</th>
          <th>{t('stations.col.status')}</th>
          <th>{t('stations.col.created')}</th>
          <th>{t('stations.col.lastSeen')}</th>
          <th aria-label={t('stations.revoke')} />
        </tr>
      </thead>
      <tbody>
        {stations.map((st) => {
          const revoked = st.revokedAt !== null;
          return (
            <tr
              key={st.id}
              className={revoked ? 'inactive' : undefined}
              data-testid="station-row"
              data-station-id={st.id}
              data-name={st.name}
              data-kind={st.kind}
              data-online={st.online}
              data-revoked={revoked}
            >
              <td>
                {st.name}
                {st.id === ownId && <span className="muted small"> · {t('stations.thisOne')}</span>}
              </td>
              <td>{t(`stations.kind.${st.kind}`)}</td>
              <td>
                {revoked && st.revokedAt !== null ? (
                  <span className="chip neutral">{t('stations.revoked', { at: fmt.shortDateTime(st.revokedAt) })}</span>
                ) : (
                  <span className={st.online ? 'presence online' : 'presence'} data-testid="station-presence">
                    <span className="presence-dot" aria-hidden="true" />
                    {t(st.online ? 'stations.online' : 'stations.offline')}
                  </span>
                )}
              </td>
              <td className="tabular">{fmt.shortDateTime(st.createdAt)}</td>
              <td className="tabular">{st.lastSeenAt ? fmt.shortDateTime(st.lastSeenAt) : t('common.none')}</td>
              <td className="row-actions">{st.kind === 'paired' && !revoked && st.id !== ownId && <RevokeCell st={st} onRevoked={onRevoked} />}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
