/** The left rail: one link per screen, the current one marked with aria-current. */
import { Icon } from '../components/Icon';
import { hrefFor, ROUTES, shortcutLabel, type RouteId } from './routes';

export function NavRail({ current, onOpenPalette }: { current: RouteId; onOpenPalette: () => void }) {
  return (
    <nav className="rail" aria-label="Screens">
      <div className="rail-brand" aria-hidden="true" title="Ringside">
        <svg width="22" height="22" viewBox="0 0 22 22">
          <rect x="1.5" y="1.5" width="19" height="19" rx="5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <rect x="6" y="6" width="10" height="10" rx="2.5" fill="currentColor" opacity="0.9" />
        </svg>
      </div>
      <ul className="rail-list">
        {ROUTES.map((route) => (
          <li key={route.id}>
            <a
              href={hrefFor(route.id)}
              className="rail-link"
              aria-current={route.id === current ? 'page' : undefined}
              title={`${route.label} (${shortcutLabel(route)})`}
              data-route={route.id}
            >
              <Icon name={route.icon} size={18} />
              <span className="rail-label">{route.label}</span>
            </a>
          </li>
        ))}
      </ul>
      <button type="button" className="rail-link rail-palette" onClick={onOpenPalette} title="Command palette (Ctrl+K)">
        <Icon name="command" size={18} />
        <span className="rail-label">Ctrl K</span>
      </button>
    </nav>
  );
}
