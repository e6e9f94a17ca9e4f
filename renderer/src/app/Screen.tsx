/** Maps the route to its screen. Screens of issues not built yet get an honest placeholder. */
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { PlaceholderScreen } from '../features/placeholders/PlaceholderScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SourcesScreen } from '../features/sources/SourcesScreen';
import { SqlScreen } from '../features/sql/SqlScreen';
import type { RouteId } from './routes';

export function Screen({ route }: { route: RouteId }) {
  switch (route) {
    case 'overview':
      return <OverviewScreen />;
    case 'sources':
      return <SourcesScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'sql':
      return <SqlScreen />;
    case 'cases':
    case 'graph':
    case 'timeline':
    case 'rules':
      return <PlaceholderScreen route={route} />;
  }
}
