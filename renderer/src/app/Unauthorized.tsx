import { useConnection } from '../api/connection.js';
import { LANGS, translate, useLang } from '../i18n/index.js';
import { PairCodeForm } from './PairCodeForm.js';

/**
 * The page has no valid token. Both languages are shown: this may be the first thing a person sees, before any
 * language was chosen, and the fix (open the printed link) must be understood either way.
 */
export function Unauthorized() {
  const lang = useLang((s) => s.lang);
  const { reason, source, detail } = useConnection();
  const why = (l: typeof lang) =>
    reason === 'no_token'
      ? translate(l, 'unauth.noToken')
      : reason === 'pair_failed'
        ? translate(l, 'unauth.pairFailed', { detail: detail ?? '' })
        : translate(l, source === 'station' ? 'unauth.stationRefused' : 'unauth.refused');
  const order = [lang, ...LANGS.filter((l) => l !== lang)];
  // A pairing code helps a station (new, failed or revoked), not this computer's own refused run token; and only in
  // a browser: the desktop window is this computer.
  const offerCode = !window.shopdesk && (reason !== 'refused' || source === 'station');
  return (
    <main className="unauthorized" data-testid="unauthorized" data-reason={reason ?? ''}>
      <div className="unauth-card" role="alert">
        {order.map((l, i) => (
          <div key={l} lang={l} className={i === 0 ? 'unauth-primary' : 'unauth-secondary'}>
            <h1>{translate(l, 'unauth.title')}</h1>
            <p>{translate(l, 'unauth.body')}</p>
            <p className="muted">{why(l)}</p>
          </div>
        ))}
        {offerCode && <PairCodeForm />}
        <button type="button" className="btn primary" onClick={() => window.location.reload()}>
          {translate(lang, 'unauth.reload')}
        </button>
      </div>
    </main>
  );
}
