import { useEffect, useState, type FormEvent } from 'react';
import type { Output } from '../../../../../shared/contract/index.js';
import type { StationInfo } from '../../../../../shared/domain/people.js';
import { api } from '../../../api/client.js';
import { asApiError, type ApiError } from '../../../api/errors.js';
import { describedBy, Field } from '../../../components/Field.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useT } from '../../../i18n/index.js';

type Pairing = Output<'stations.pairStart'> & { name: string; knownIds: number[] };

/** "1234 5678": two groups of four are easier to read out and type than eight in a row. */
function grouped(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The code, QR and link(s) of one pairing, with the time left; says so when the new station has arrived. */
function PairingPanel({ pairing, stations, onAgain, onClose }: { pairing: Pairing; stations: StationInfo[]; onAgain: () => void; onClose: () => void }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  const arrived = stations.find((s) => s.name === pairing.name && !pairing.knownIds.includes(s.id));
  const left = pairing.expiresAt - now;
  const expired = left <= 0 && !arrived;

  useEffect(() => {
    if (arrived || expired) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [arrived, expired]);

  return (
    <div className="pair-result" data-testid="pair-result" data-state={arrived ? 'paired' : expired ? 'expired' : 'waiting'}>
      <div className="pair-main">
        <div>
          <div className="muted">
            {t('pair.code')} · {t('pair.for', { name: pairing.name })}
          </div>
          <div className={expired ? 'pair-code expired' : 'pair-code'} data-testid="pair-code" data-code={pairing.code}>
            {grouped(pairing.code)}
          </div>
          {arrived ? (
            <p className="pair-done" role="status" data-testid="pair-arrived">
              ✓ {t('stations.online')}: {arrived.name}
            </p>
          ) : expired ? (
            <p className="field-error" role="alert">
              {t('pair.expired')}
            </p>
          ) : (
            <p className="muted tabular" data-testid="pair-expiry">
              {t('pair.expiresIn', { time: clock(left) })}
            </p>
          )}
        </div>
        {pairing.qrDataUrl && !expired && <img className="pair-qr" data-testid="pair-qr" src={pairing.qrDataUrl} alt={t('pair.qr')} width={180} />}
      </div>
      {pairing.urls.length > 0 ? (
        <div className="pair-links">
          <div>{t('pair.links')}</div>
          <ul>
            {pairing.urls.map((u) => (
              <li key={u}>
                <code className="mono" data-testid="pair-link">
                  {u}
                </code>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="pair-nolan" data-testid="pair-no-lan">
          <p>{t('pair.noLan')}</p>
          <p>{t('pair.noLanFix')}</p>
          <pre className="mono">shopdesk serve --host 0.0.0.0</pre>
          <p className="muted">{t('pair.noLanThen')}</p>
        </div>
      )}
      {pairing.urls.length > 0 && <p className="muted">{t('pair.typeCode')}</p>}
      <div className="form-actions">
        {expired && (
          <button type="button" className="btn primary" data-testid="pair-again" onClick={onAgain}>
            {t('pair.start')}
          </button>
        )}
        <button type="button" className="btn" data-testid="pair-close" onClick={onClose}>
          {t('pair.close')}
        </button>
      </div>
    </div>
  );
}

/** "Pair a station": a name, then a one-time code for the new station to trade for its own token. */
export function PairStation({ stations }: { stations: StationInfo[] }) {
  const t = useT();
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const nameErr = tried && name.trim() === '' ? t('pair.nameRequired') : null;

  const start = (stationName: string) => {
    setBusy(true);
    setError(null);
    const knownIds = stations.map((s) => s.id);
    api.invoke('stations.pairStart', { name: stationName }).then(
      (res) => {
        setBusy(false);
        setPairing({ ...res, name: stationName, knownIds });
      },
      (e: unknown) => {
        setBusy(false);
        setError(asApiError(e));
      },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (name.trim() !== '' && !busy) start(name.trim());
  };

  return (
    <div className="pair-station" data-testid="pair-station">
      <h3>{t('pair.title')}</h3>
      <p className="muted">{t('pair.hint')}</p>
      <form className="form-row" onSubmit={submit} noValidate>
        <Field id="pair-name" label={t('pair.name')} error={nameErr}>
          <input
            id="pair-name"
            data-testid="pair-name"
            className="input"
            value={name}
            maxLength={40}
            placeholder={t('pair.namePlaceholder')}
            autoComplete="off"
            aria-invalid={nameErr !== null}
            aria-describedby={describedBy('pair-name')}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <button type="submit" className="btn primary" data-testid="pair-start" aria-disabled={busy}>
          {t('pair.start')}
        </button>
      </form>
      {error && <ErrorBox compact title={t('pair.error')} error={error} />}
      {pairing && (
        <PairingPanel
          key={pairing.code}
          pairing={pairing}
          stations={stations}
          onAgain={() => start(pairing.name)}
          onClose={() => {
            setPairing(null);
            setName('');
            setTried(false);
          }}
        />
      )}
    </div>
  );
}
