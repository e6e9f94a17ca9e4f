/** Maps the route to its screen. */
import { CasesScreen } from '../features/cases/CasesScreen';
import { GraphScreen } from '../features/graph/GraphScreen';
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { PacketsScreen } from '../features/packets/PacketsScreen';
import { DashboardScreen } from '../features/dashboard/DashboardScreen';
import { RulesScreen } from '../features/rules/RulesScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SourcesScreen } from '../features/sources/SourcesScreen';
import { SqlScreen } from '../features/sql/SqlScreen';
import { TimelineScreen } from '../features/timeline/TimelineScreen';
import type { RouteId } from './routes';

export function Screen({ route }: { route: RouteId }) {
  switch (route) {
    case 'overview':
      return <OverviewScreen />;
    case 'dashboard':
      return <DashboardScreen />;
    case 'cases':
      return <CasesScreen />;
    case 'graph':
      return <GraphScreen />;
    case 'timeline':
      return <TimelineScreen />;
    case 'sources':
      return <SourcesScreen />;
    case 'packets':
      return <PacketsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'sql':
      return <SqlScreen />;
    case 'rules':
      return <RulesScreen />;
  }
}
