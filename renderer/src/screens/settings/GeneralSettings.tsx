import { useEffect } from 'react';
import { LangSelect } from '../../app/Header.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { loadAppInfo, useAppInfo } from '../../state/app-info.js';

/** Language, facts about this installation (from app.info) and the keyboard. Shops, printers and rules come later. */
export function GeneralSettings() {
  const t = useT();
  const fmt = useFormat();
  const { info, error } = useAppInfo();
  // Fresh figures each time the screen opens (the order count moves while syncing).
  useEffect(loadAppInfo, []);

  return (
    <div className="settings-general" data-testid="settings-general">
      <section className="card">
        <h2>
          <label htmlFor="settings-lang">{t('settings.language')}</label>
        </h2>
        <LangSelect testId="settings-lang" id="settings-lang" />
        <p className="muted">{t('settings.languageHint')}</p>
      </section>
      <section className="card">
        <h2>{t('settings.about')}</h2>
        {error && <ErrorBox compact title={t('settings.about')} error={error} onRetry={loadAppInfo} />}
        {!info && !error && <p className="muted">{t('common.loading')}</p>}
        {info && (
          <dl className="facts">
            <dt>{t('settings.version')}</dt>
            <dd>{info.version}</dd>
            <dt>{t('settings.schema')}</dt>
            <dd>{info.schemaVersion}</dd>
            <dt>{t('settings.dbPath')}</dt>
            <dd className="mono" data-testid="db-path">
              {info.dbPath}
            </dd>
            <dt>{t('settings.orderCount')}</dt>
            <dd className="tabular">
              {fmt.number(info.orderCount)}
              {info.demo && <span className="chip demo">{t('app.demo')}</span>}
            </dd>
          </dl>
        )}
      </section>
      <section className="card">
        <h2>{t('settings.shortcuts')}</h2>
        <ul className="shortcuts">
          <li>{t('shortcut.nav')}</li>
          <li>{t('shortcut.search')}</li>
          <li>{t('shortcut.list')}</li>
          <li>{t('shortcut.switch')}</li>
        </ul>
      </section>
      <p className="muted">{t('settings.more')}</p>
    </div>
  );
}
