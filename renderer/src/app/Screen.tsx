/** Maps the route to its screen. Screens of issues not built yet get an honest placeholder. */
import { CasesScreen } from '../features/cases/CasesScreen';
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { PlaceholderScreen } from '../features/placeholders/PlaceholderScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SourcesScreen } from '../features/sources/SourcesScreen';
import { PacketsScreen } from '../features/packets/PacketsScreen';
import { TimelineScreen } from '../features/timeline/TimelineScreen';
import type { RouteId } from './routes';

export function Screen({ route }: { route: RouteId }) {
  switch (route) {
    case 'overview':
      return <OverviewScreen />;
    case 'sources':
      return <SourcesScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'packets':
      return <PacketsScreen />;
    case 'timeline':
      return <TimelineScreen />;
    case 'cases':
      return <CasesScreen />;
    case 'graph':
    case 'sql':
    case 'rules':
      return <PlaceholderScreen route={route} />;
  }
}
