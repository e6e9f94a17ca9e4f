/** Maps the route to its screen. Screens of issues not built yet get an honest placeholder. */
import { GraphScreen } from '../features/graph/GraphScreen';
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { PlaceholderScreen } from '../features/placeholders/PlaceholderScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SourcesScreen } from '../features/sources/SourcesScreen';
import type { RouteId } from './routes';

export function Screen({ route }: { route: RouteId }) {
  switch (route) {
    case 'overview':
      return <OverviewScreen />;
    case 'sources':
      return <SourcesScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'graph':
      return <GraphScreen />;
    case 'cases':
    case 'timeline':
    case 'sql':
    case 'rules':
      return <PlaceholderScreen route={route} />;
  }
}
