/** A titled section of a screen, with optional actions on the right of its header. */
import type { ReactNode } from 'react';

export function Panel({
  title,
  actions,
  children,
  className,
  id,
  flush = false,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
  /** No inner padding: for grids and tables that run edge to edge. */
  flush?: boolean;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={headingId} id={id}>
      <header className="panel-head">
        <h2 id={headingId}>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className={flush ? 'panel-body panel-body-flush' : 'panel-body'}>{children}</div>
    </section>
  );
}
