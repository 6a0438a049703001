import { useCallback, useEffect, useState } from 'react';
import type { OperatorInfo } from '../../../../shared/domain/people.js';
import { api } from '../../api/client.js';
import { asApiError, type ApiError } from '../../api/errors.js';
import { ConnStatus, LangSelect } from '../../app/Header.js';
import { OfflineBanner } from '../../app/OfflineBanner.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useT, type MessageKey, type Vars } from '../../i18n/index.js';
import { closeSwitch, sessionChanged, useOperator, useSession } from '../../state/session.js';
import { OperatorPicker } from './OperatorPicker.js';
import { PinPad } from './PinPad.js';

interface Notice {
  key: MessageKey;
  vars?: Vars;
}

/**
 * Who is working at this station: shown instead of the app when nobody is signed in (a paired bench, an owner with a
 * PIN), and on demand (F2) when the bench changes hands. Pick a name; a PIN pad follows for people who have a PIN.
 */
export function SwitchScreen() {
  const t = useT();
  const info = useSession((s) => s.info);
  const switching = useSession((s) => s.switching);
  const current = useOperator();

  const [operators, setOperators] = useState<OperatorInfo[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [chosen, setChosen] = useState<OperatorInfo | null>(null);
  const [lastChosen, setLastChosen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [refusals, setRefusals] = useState(0);
  /** Operator id → when main lets them try again after too many wrong PINs. */
  const [lockedUntil, setLockedUntil] = useState<Record<number, number>>({});
  /** A failure the pad and the list do not explain themselves, with what was being done. */
  const [failure, setFailure] = useState<{ title: MessageKey; error: ApiError } | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    api.invoke('session.operators', {}).then(setOperators, (e: unknown) => setLoadError(asApiError(e)));
  }, []);
  useEffect(load, [load]);

  const choose = (op: OperatorInfo | null) => {
    if (op) setLastChosen(op.id);
    setChosen(op);
    setNotice(null);
    setFailure(null);
  };

  const signIn = (op: OperatorInfo, pin?: string) => {
    setBusy(true);
    setFailure(null);
    api.invoke('session.signIn', pin ? { operatorId: op.id, pin } : { operatorId: op.id }).then(sessionChanged, (e: unknown) => {
      const err = asApiError(e);
      const reason = err.details?.reason;
      const retryInMs = err.details?.retryInMs;
      setBusy(false);
      if (err.code === 'unauthorized' && reason === 'wrong_pin') {
        setNotice({ key: 'pin.wrong' });
        setRefusals((n) => n + 1);
      } else if (err.code === 'forbidden' && typeof retryInMs === 'number') {
        setLockedUntil((m) => ({ ...m, [op.id]: Date.now() + retryInMs }));
        setNotice(null);
        setRefusals((n) => n + 1);
        setChosen(op);
      } else if (err.code === 'unauthorized' && reason === 'pin_required') {
        // The list was older than the PIN: ask for it now.
        setChosen({ ...op, hasPin: true });
        setNotice({ key: 'pin.needed', vars: { name: op.name } });
      } else if (err.code === 'not_found') {
        setChosen(null);
        setNotice({ key: 'session.gone' });
        load();
      } else {
        setFailure({ title: 'session.signInError', error: err });
      }
    });
  };

  const pick = (op: OperatorInfo) => {
    if (op.hasPin) choose(op);
    else {
      choose(null);
      signIn(op);
    }
  };

  const signOut = () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    api.invoke('session.signOut', {}).then(
      (s) => {
        setBusy(false);
        choose(null);
        sessionChanged(s);
      },
      (e: unknown) => {
        setBusy(false);
        setFailure({ title: 'session.signOutError', error: asApiError(e) });
      },
    );
  };

  // Esc leaves the switch screen for the app (the PIN pad uses Esc itself, to go back to the names).
  useEffect(() => {
    if (chosen || !current) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      closeSwitch();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [chosen, current]);

  if (!info) return null;
  return (
    <main className="gate" data-testid="switch-screen" data-mode={chosen ? 'pin' : 'pick'} data-signed-in={current !== null}>
      <OfflineBanner />
      <div className="gate-card switch-card">
        <div className="gate-top">
          <span className="muted" data-testid="station-name">
            {t('session.station', { name: info.station.name })}
          </span>
          <span className="gate-tools">
            <ConnStatus />
            <LangSelect testId="switch-lang" />
          </span>
        </div>
        {chosen ? (
          <PinPad
            operator={chosen}
            busy={busy}
            message={notice ? t(notice.key, notice.vars) : null}
            refusals={refusals}
            lockedUntil={lockedUntil[chosen.id] ?? null}
            onSubmit={(pin) => signIn(chosen, pin)}
            onBack={() => choose(null)}
          />
        ) : (
          <>
            <h1>{t('session.who')}</h1>
            <p className="muted">{t('session.pickHint')}</p>
            {notice && (
              <p className="notice" role="alert">
                {t(notice.key, notice.vars)}
              </p>
            )}
            {loadError && <ErrorBox compact title={t('session.loadError')} error={loadError} onRetry={load} />}
            {!operators && !loadError && <p className="muted">{t('common.loading')}</p>}
            {operators?.length === 0 && <p className="muted">{t('session.noOperators')}</p>}
            {operators && <OperatorPicker operators={operators} currentId={current?.id ?? null} focusId={lastChosen} disabled={busy} onPick={pick} />}
          </>
        )}
        {failure && <ErrorBox compact title={t(failure.title)} error={failure.error} />}
        {current && (
          <div className="gate-actions">
            <button type="button" className="btn" data-testid="sign-out" aria-disabled={busy} onClick={signOut}>
              {t('session.signOut')}
            </button>
            {switching && !chosen && (
              <button type="button" className="btn" data-testid="switch-cancel" onClick={closeSwitch}>
                {t('session.back')} <kbd>Esc</kbd>
              </button>
            )}
          </div>
        )}
      </div>
    </main>
  );
}
