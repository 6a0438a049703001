import { ImportScreen } from '../screens/imports/ImportScreen.js';
import { OrdersScreen } from '../screens/orders/OrdersScreen.js';
import { Placeholder } from '../screens/Placeholder.js';
import { ReviewScreen } from '../screens/review/ReviewScreen.js';
import { SettingsScreen } from '../screens/settings/SettingsScreen.js';
import { useScreen } from '../state/nav.js';
import { Header } from './Header.js';
import { useGlobalKeys } from './keyboard.js';
import { NavBar } from './NavBar.js';
import { OfflineBanner } from './OfflineBanner.js';

function CurrentScreen() {
  const screen = useScreen();
  switch (screen) {
    case 'orders':
      return <OrdersScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'imports':
      return <ImportScreen />;
    case 'review':
      return <ReviewScreen />;
    default:
      return <Placeholder screen={screen} />;
  }
}

/** The app itself, for a signed-in operator: navigation, header, banners and the current screen. */
export function Shell() {
  // Only here: the shortcuts drive screens that exist only while someone is signed in.
  useGlobalKeys();
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
