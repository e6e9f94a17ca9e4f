/**
 * Density of the whole range (all lanes) with the current window drawn on it. Click recentres
 * the window there; drag brushes a range (filters the grid, sets the graph's window, zooms to it).
 */
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { TimelineView } from '../../../../shared/contract/timeline';
import type { CanvasTheme } from './palette';
import type { Viewport } from './scale';

const HEIGHT = 38;

export function OverviewStrip({
  overview,
  vp,
  brush,
  theme,
  onCentre,
  onBrush,
}: {
  overview: TimelineView['overview'] | null;
  vp: Viewport;
  brush: Viewport | null;
  theme: CanvasTheme;
  onCentre: (t: number) => void;
  onBrush: (range: Viewport) => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [width, setWidth] = useState(0);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const range = overview ? { from: overview.from, to: overview.from + overview.counts.length * overview.binMs } : null;

  useEffect(() => {
    const el = canvasRef.current?.parentElement;
    if (!el) return undefined;
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    // Resizing the backing store reallocates it: only when the size really changed.
    if (canvas.width !== Math.round(width * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.style.width = `${width}px`;
    }
    if (canvas.height !== Math.round(HEIGHT * dpr)) {
      canvas.height = Math.round(HEIGHT * dpr);
      canvas.style.height = `${HEIGHT}px`;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = theme.surface2;
    ctx.fillRect(0, 0, width, HEIGHT);
    if (!overview || !range) return;
    const X = (t: number) => ((t - range.from) / (range.to - range.from)) * width;
    const max = Math.max(1, ...overview.counts);
    ctx.fillStyle = theme.muted;
    ctx.globalAlpha = 0.55;
    ctx.beginPath();
    const bw = width / overview.counts.length;
    overview.counts.forEach((count, i) => {
      if (count === 0) return;
      const h = Math.max(1.5, (HEIGHT - 6) * Math.sqrt(count / max));
      ctx.rect(i * bw, HEIGHT - h, Math.max(1, bw - 0.3), h);
    });
    ctx.fill();
    ctx.globalAlpha = 1;
    const shown = drag ? { from: Math.min(drag.start, drag.end), to: Math.max(drag.start, drag.end) } : brush;
    if (shown) {
      ctx.fillStyle = theme.accent;
      ctx.globalAlpha = 0.18;
      ctx.fillRect(X(shown.from), 0, Math.max(2, X(shown.to) - X(shown.from)), HEIGHT);
      ctx.globalAlpha = 1;
    }
    const vx = Math.max(0, X(vp.from));
    const vw = Math.max(3, Math.min(width, X(vp.to)) - vx);
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = 2;
    ctx.strokeRect(vx + 1, 1, vw - 2, HEIGHT - 2);
  }, [overview, range?.from, range?.to, vp, brush, drag, width, theme]); // eslint-disable-line react-hooks/exhaustive-deps

  const timeAt = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (!range) return 0;
    return range.from + ((event.clientX - rect.left) / rect.width) * (range.to - range.from);
  };

  return (
    <div className="timeline-overview" data-testid="timeline-overview" title="Whole range. Click to move the window there; drag to select a range.">
      <div className="timeline-overview-inner">
      <canvas
        ref={canvasRef}
        aria-label="Density of the whole range; the outlined box is the current window"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const t = timeAt(e);
          setDrag({ start: t, end: t });
        }}
        onPointerMove={(e) => drag && setDrag({ ...drag, end: timeAt(e) })}
        onPointerUp={(e) => {
          if (!drag) return;
          const end = timeAt(e);
          setDrag(null);
          const rect = e.currentTarget.getBoundingClientRect();
          const px = range ? (Math.abs(end - drag.start) / (range.to - range.from)) * rect.width : 0;
          if (px < 4) onCentre(end);
          else onBrush({ from: Math.round(Math.min(drag.start, end)), to: Math.round(Math.max(drag.start, end)) });
        }}
      />
      </div>
    </div>
  );
}
