import { useConnection } from '../api/connection.js';
import { LANGS, LANG_NAMES, useLang, useT, type Lang } from '../i18n/index.js';
import { useAppInfo } from '../state/app-info.js';
import { useNav } from '../state/nav.js';

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

export function Header() {
  const t = useT();
  const screen = useNav((s) => s.screen);
  const conn = useConnection((s) => s.state);
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
        <span className={`conn conn-${conn}`} data-testid="conn-status" data-state={conn}>
          <span className="conn-dot" aria-hidden="true" />
          {t(conn === 'online' ? 'conn.online' : conn === 'offline' ? 'conn.offlineShort' : 'conn.connecting')}
        </span>
        <LangSelect testId="lang-switch" />
      </div>
    </header>
  );
}
