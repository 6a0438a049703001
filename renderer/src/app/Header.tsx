import { useConnection } from '../api/connection.js';
import { LANGS, LANG_NAMES, useLang, useT, type Lang } from '../i18n/index.js';
import { useAppInfo } from '../state/app-info.js';
import { useScreen } from '../state/nav.js';
import { OperatorChip } from './OperatorChip.js';
import { SyncIndicator } from './SyncIndicator.js';

export function LangSelect({ testId, id }: { testId: string; id?: string }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const setLang = useLang((s) => s.setLang);
  return (
    <select id={id} data-testid={testId} aria-label={t('header.language')} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
      {LANGS.map((l) => (
        <option key={l} value={l}>
          {LANG_NAMES[l]}
        </option>
      ))}
    </select>
  );
}

/** The connection to main, in a word and a dot (also on the sign-in screens, which have no header). */
export function ConnStatus() {
  const t = useT();
  const conn = useConnection((s) => s.state);
  return (
    <span className={`conn conn-${conn}`} data-testid="conn-status" data-state={conn}>
      <span className="conn-dot" aria-hidden="true" />
      {t(conn === 'online' ? 'conn.online' : conn === 'offline' ? 'conn.offlineShort' : 'conn.connecting')}
    </span>
  );
}

export function Header() {
  const t = useT();
  const screen = useScreen();
  const demo = useAppInfo((s) => s.info?.demo ?? false);
  return (
    <header className="app-header">
      <h1 className="screen-title">{t(`nav.${screen}`)}</h1>
      {demo && (
        <span className="chip demo" data-testid="demo-badge" title={t('app.demoHint')}>
          {t('app.demo')}
        </span>
      )}
      <div className="header-right">
        <SyncIndicator />
        <ConnStatus />
        <LangSelect testId="lang-switch" />
        <OperatorChip />
      </div>
    </header>
  );
}
