import type { KeyboardEvent } from 'react';
import { useT } from '../../i18n/index.js';
import { allowed, SETTINGS_TAB_PERMISSION, SETTINGS_TABS, useNav, useSettingsTab, type SettingsTab } from '../../state/nav.js';
import { useSession } from '../../state/session.js';
import { CarrierCodes } from './carriers/CarrierCodes.js';
import { GeneralSettings } from './GeneralSettings.js';
import { PeopleSettings } from './people/PeopleSettings.js';
import { RulesSettings } from './rules/RulesSettings.js';
import { ShopsSettings } from './shops/ShopsSettings.js';
import { StationsSettings } from './stations/StationsSettings.js';
import { SyncSettings } from './sync/SyncSettings.js';

function TabPanel({ tab }: { tab: SettingsTab }) {
  switch (tab) {
    case 'people':
      return <PeopleSettings />;
    case 'stations':
      return <StationsSettings />;
    case 'shops':
      return <ShopsSettings />;
    case 'sync':
      return <SyncSettings />;
    case 'carriers':
      return <CarrierCodes />;
    case 'rules':
      return <RulesSettings />;
    default:
      return <GeneralSettings />;
  }
}

/**
 * Settings sections as tabs. Shops needs shops.manage; People and Stations are the owner's (people.manage /
 * stations.manage): for anyone else they are not offered at all, rather than shown and refused.
 */
export function SettingsScreen() {
  const t = useT();
  const tab = useSettingsTab();
  const goSettings = useNav((s) => s.goSettings);
  const permissions = useSession((s) => s.info?.permissions);
  const tabs = SETTINGS_TABS.filter((x) => allowed(SETTINGS_TAB_PERMISSION[x], permissions ?? []));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const i = tabs.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : -1);
    const next = tabs[(i + tabs.length) % tabs.length];
    if (!next) return;
    e.preventDefault();
    goSettings(next);
    document.querySelector<HTMLElement>(`[data-testid="settings-tab-${next}"]`)?.focus();
  };

  return (
    <div className="settings" data-testid="settings" data-tab={tab}>
      {tabs.length > 1 && (
        <div className="settings-tabs" role="tablist" aria-label={t('settings.tabs')} onKeyDown={onKeyDown}>
          {tabs.map((x) => (
            <button
              key={x}
              type="button"
              role="tab"
              id={`settings-tab-${x}`}
              aria-selected={x === tab}
              aria-controls="settings-panel"
              tabIndex={x === tab ? 0 : -1}
              className={x === tab ? 'settings-tab active' : 'settings-tab'}
              data-testid={`settings-tab-${x}`}
              onClick={() => goSettings(x)}
            >
              {t(`settings.tab.${x}`)}
            </button>
          ))}
        </div>
      )}
      <div id="settings-panel" role={tabs.length > 1 ? 'tabpanel' : undefined} aria-labelledby={tabs.length > 1 ? `settings-tab-${tab}` : undefined}>
        <TabPanel tab={tab} />
      </div>
    </div>
  );
}
