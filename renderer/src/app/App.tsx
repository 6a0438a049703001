import { useEffect } from 'react';
import { useConnection } from '../api/connection.js';
import { translate, useLang } from '../i18n/index.js';
import { OrdersScreen } from '../screens/orders/OrdersScreen.js';
import { Placeholder } from '../screens/Placeholder.js';
import { SettingsScreen } from '../screens/SettingsScreen.js';
import { loadAppInfo } from '../state/app-info.js';
import { startChangeFeed } from '../state/changes.js';
import { useNav } from '../state/nav.js';
import { Header } from './Header.js';
import { useGlobalKeys } from './keyboard.js';
import { NavBar } from './NavBar.js';
import { OfflineBanner } from './OfflineBanner.js';
import { Unauthorized } from './Unauthorized.js';

function CurrentScreen() {
  const screen = useNav((s) => s.screen);
  switch (screen) {
    case 'orders':
      return <OrdersScreen />;
    case 'settings':
      return <SettingsScreen />;
    default:
      return <Placeholder screen={screen} />;
  }
}

export function App() {
  const lang = useLang((s) => s.lang);
  const conn = useConnection((s) => s.state);
  useGlobalKeys();
  const reconnects = useConnection((s) => s.reconnects);
  useEffect(() => startChangeFeed(), []);
  useEffect(loadAppInfo, [reconnects]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.name');
  }, [lang]);

  if (conn === 'unauthorized') return <Unauthorized />;
  return (
    <div className="shell">
      <NavBar />
      <div className="shell-main">
        <Header />
        <OfflineBanner />
        <main className="screen">
          <CurrentScreen />
        </main>
      </div>
    </div>
  );
}
