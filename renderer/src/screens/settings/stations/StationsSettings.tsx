import { useCallback, useEffect, useRef, useState } from 'react';
import type { StationInfo } from '../../../../../shared/domain/people.js';
import { api } from '../../../api/client.js';
import { asApiError, type ApiError } from '../../../api/errors.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useT } from '../../../i18n/index.js';
import { useSession } from '../../../state/session.js';
import { PairStation } from './PairStation.js';
import { StationTable } from './StationTable.js';

/** main says 'stations.changed' when one connects, disconnects or is revoked; this slow poll covers a lost event. */
const REFRESH_MS = 30_000;

/** Settings → Stations (stations.manage): who is paired, who is online, pairing a new bench, revoking one. */
export function StationsSettings() {
  const t = useT();
  const ownId = useSession((s) => s.info?.station.id ?? null);
  const [stations, setStations] = useState<StationInfo[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef(false);

  const load = useCallback(() => {
    // While offline requests wait for the connection: one waiting is enough.
    if (inFlight.current) return;
    inFlight.current = true;
    api
      .invoke('stations.list', {})
      .then(
        (list) => {
          setStations(list);
          setError(null);
        },
        (e: unknown) => setError(asApiError(e)),
      )
      .finally(() => {
        inFlight.current = false;
      });
  }, []);

  useEffect(() => {
    load();
    const off = api.subscribe('stations.changed', load);
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [load]);

  const revoked = (st: StationInfo) => {
    setStations((list) => list?.map((s) => (s.id === st.id ? st : s)) ?? null);
    load();
  };

  return (
    <div className="stations-settings" data-testid="stations-settings">
      <section className="card wide">
        <h2>{t('stations.title')}</h2>
        <p className="muted">{t('stations.hint')}</p>
        {error && <ErrorBox compact title={t('stations.loadError')} error={error} onRetry={load} />}
        {!stations && !error && <p className="muted">{t('common.loading')}</p>}
        {stations && <StationTable stations={stations} ownId={ownId} onRevoked={revoked} />}
      </section>
      <section className="card wide">
        <PairStation stations={stations ?? []} />
      </section>
    </div>
  );
}
