import { ErrorBox } from '../components/ErrorBox.js';
import { useT } from '../i18n/index.js';
import { loadSession, useSession } from '../state/session.js';
import { OfflineBanner } from './OfflineBanner.js';

/** Until main says who is signed in here: nothing of the app yet, so no screen asks for what it may not see. */
export function Starting() {
  const t = useT();
  const error = useSession((s) => s.error);
  return (
    <main className="gate" data-testid="starting" aria-busy={error === null}>
      <OfflineBanner />
      <div className="gate-card starting-card">
        <img src="./favicon.svg" alt="" width="28" height="28" />
        <p className="muted">{t('session.starting')}</p>
        {error && <ErrorBox compact title={t('session.startError')} error={error} onRetry={loadSession} />}
      </div>
    </main>
  );
}
