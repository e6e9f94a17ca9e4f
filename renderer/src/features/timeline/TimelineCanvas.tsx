/**
 * The lanes, drawn on one canvas (no DOM node per event). Wheel zooms around the cursor
 * (ctrl+wheel and trackpad pinch too, faster), horizontal wheel or shift+wheel pans, drag pans,
 * shift+drag brushes a range, two-finger touch pinches. Keyboard when focused: + / − zoom,
 * ← / → pan (shift: further), Home fits everything, Esc clears the brush. Redraws are coalesced
 * into one requestAnimationFrame; hover shows a tooltip from the scene's hit targets.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { LockstepGroup } from '../../../../shared/contract/timeline';
import { binLayer } from './binLayer';
import { paintScene } from './paint';
import { buildScene, hitTest, LABEL_W, type EventRef, type HitTarget, type SceneInput } from './scene';
import { panBy, tOf, zoomAround, type Viewport } from './scale';
import { TimelineTooltip } from './TimelineTooltip';

const RIGHT_PAD = 8;

export interface TimelineCanvasProps {
  readonly input: Omit<SceneInput, 'width' | 'brush'>;
  readonly brush: Viewport | null;
  readonly onViewport: (vp: Viewport) => void;
  readonly onBrush: (range: Viewport | null) => void;
  readonly onFit: () => void;
  readonly onSelectEvent: (event: EventRef) => void;
  readonly onSelectGroup: (group: LockstepGroup) => void;
  readonly onWidth: (plotWidth: number) => void;
}

type Gesture =
  | { kind: 'pan' | 'brush'; startX: number; startVp: Viewport; moved: boolean; pointerId: number }
  | { kind: 'pinch'; startDistance: number; startVp: Viewport; anchor: number };

export function TimelineCanvas(props: TimelineCanvasProps) {
  const wrapRef = useRef<HTMLDivElement | null>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [width, setWidth] = useState(0);
  const [draftBrush, setDraftBrush] = useState<Viewport | null>(null);
  const [hover, setHover] = useState<{ target: HitTarget; x: number; y: number } | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const frame = useRef(0);
  const propsRef = useRef(props);
  propsRef.current = props;
  const { input, brush } = props;
  const vp = input.vp;
  const plotW = Math.max(50, width - LABEL_W - RIGHT_PAD);

  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    setWidth(Math.floor(el.clientWidth));
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (width > 0) propsRef.current.onWidth(Math.max(50, width - LABEL_W - RIGHT_PAD));
  }, [width]);

  const scene = useMemo(
    () => (width > 0 ? buildScene({ ...input, width, brush: draftBrush ?? brush, binsAsLayer: true, withHits: false }) : null),
    [input, width, draftBrush, brush],
  );
  // Hit targets only when the pointer asks (hover, click): zoom frames never pay for them.
  const hitScene = useRef<{ for: unknown; scene: ReturnType<typeof buildScene> } | null>(null);
  const hitsNow = () => {
    if (!scene) return null;
    if (hitScene.current?.for !== scene) {
      hitScene.current = { for: scene, scene: buildScene({ ...input, width, brush, binsAsLayer: true, withHits: true }) };
    }
    return hitScene.current.scene;
  };

  // One paint per animation frame however many state changes arrive in between.
  useEffect(() => {
    if (!scene) return undefined;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      const dpr = window.devicePixelRatio || 1;
      paintScene(canvas, scene, input.theme, dpr, input.view ? binLayer(input.view, input.laneHeight, dpr) : null);
      if (input.view && performance.getEntriesByName('timeline:data').length > 0 && performance.getEntriesByName('timeline:paint').length === 0) {
        performance.mark('timeline:paint');
      }
      canvas.dataset['paints'] = String(Number(canvas.dataset['paints'] ?? 0) + 1);
    });
    return () => cancelAnimationFrame(frame.current);
  }, [scene, input.theme, input.view, input.laneHeight]);

  const localX = (clientX: number) => clientX - (canvasRef.current?.getBoundingClientRect().left ?? 0);
  const timeAt = (clientX: number) => tOf(localX(clientX), propsRef.current.input.vp, LABEL_W, plotW);

  // Wheel must be a non-passive native listener to keep the page from scrolling while zooming.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const onWheel = (event: WheelEvent) => {
      const x = localX(event.clientX);
      if (x < LABEL_W) return; // over the lane labels: let the page scroll
      event.preventDefault();
      const current = propsRef.current.input.vp;
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
      const dx = event.deltaX * unit;
      const dy = event.deltaY * unit;
      if (event.shiftKey || Math.abs(dx) > Math.abs(dy)) {
        const px = event.shiftKey && dx === 0 ? dy : dx;
        propsRef.current.onViewport(panBy(current, (px / plotW) * (current.to - current.from)));
        return;
      }
      const factor = Math.exp(dy * (event.ctrlKey ? 0.01 : 0.0015));
      propsRef.current.onViewport(zoomAround(current, tOf(x, current, LABEL_W, plotW), factor));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [plotW]);

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    event.currentTarget.setPointerCapture(event.pointerId);
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      gesture.current = { kind: 'pinch', startDistance: Math.abs(a!.x - b!.x) || 1, startVp: vp, anchor: timeAt((a!.x + b!.x) / 2) };
      return;
    }
    if (localX(event.clientX) < LABEL_W) return;
    gesture.current = { kind: event.shiftKey ? 'brush' : 'pan', startX: event.clientX, startVp: vp, moved: false, pointerId: event.pointerId };
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (pointers.current.has(event.pointerId)) pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    const g = gesture.current;
    if (g?.kind === 'pinch' && pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      const distance = Math.abs(a!.x - b!.x) || 1;
      props.onViewport(zoomAround(g.startVp, g.anchor, g.startDistance / distance));
      return;
    }
    if (g && g.kind !== 'pinch') {
      const dx = event.clientX - g.startX;
      if (Math.abs(dx) > 3) g.moved = true;
      if (g.moved && g.kind === 'pan') {
        props.onViewport(panBy(g.startVp, (-dx / plotW) * (g.startVp.to - g.startVp.from)));
      } else if (g.moved && g.kind === 'brush') {
        const a = tOf(localX(g.startX), g.startVp, LABEL_W, plotW);
        const b = timeAt(event.clientX);
        setDraftBrush({ from: Math.round(Math.min(a, b)), to: Math.round(Math.max(a, b)) });
      }
      setHover(null);
      return;
    }
    const hits = hitsNow();
    if (!hits) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const target = hitTest(hits, event.clientX - rect.left, event.clientY - rect.top);
    setHover(target ? { target, x: event.clientX - rect.left, y: event.clientY - rect.top } : null);
  };

  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    pointers.current.delete(event.pointerId);
    const g = gesture.current;
    gesture.current = null;
    if (!g || g.kind === 'pinch') return;
    if (g.kind === 'brush' && g.moved && draftBrush) {
      setDraftBrush(null);
      props.onBrush(draftBrush.to - draftBrush.from >= 1000 ? draftBrush : null);
      return;
    }
    const hits = hitsNow();
    if (g.moved || !hits) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const target = hitTest(hits, event.clientX - rect.left, event.clientY - rect.top);
    if (target?.kind === 'event') props.onSelectEvent(target.event);
    else if (target?.kind === 'lockstep') props.onSelectGroup(target.group);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const span = vp.to - vp.from;
    const centre = vp.from + span / 2;
    let handled = true;
    if (event.key === '+' || event.key === '=') props.onViewport(zoomAround(vp, centre, 0.5));
    else if (event.key === '-' || event.key === '_') props.onViewport(zoomAround(vp, centre, 2));
    else if (event.key === 'ArrowLeft') props.onViewport(panBy(vp, -span * (event.shiftKey ? 0.5 : 0.15)));
    else if (event.key === 'ArrowRight') props.onViewport(panBy(vp, span * (event.shiftKey ? 0.5 : 0.15)));
    else if (event.key === 'Home') props.onFit();
    else if (event.key === 'Escape' && brush) props.onBrush(null);
    else handled = false;
    if (handled) event.preventDefault();
  };

  return (
    <div
      ref={wrapRef}
      className="timeline-canvas-wrap"
      tabIndex={0}
      role="application"
      aria-label="Timeline lanes. Plus and minus zoom, arrow keys pan, Home fits all, shift-drag selects a range."
      data-testid="timeline-canvas"
      data-viewport={`${vp.from},${vp.to}`}
      data-mode={input.view?.mode ?? 'none'}
      data-lanes={input.view?.lanes.length ?? 0}
      onKeyDown={onKeyDown}
    >
      <canvas
        ref={canvasRef}
        className={gesture.current?.kind === 'pan' ? 'timeline-canvas panning' : 'timeline-canvas'}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={(e) => {
          pointers.current.delete(e.pointerId);
          gesture.current = null;
          setDraftBrush(null);
        }}
        onPointerLeave={() => setHover(null)}
      />
      {hover ? <TimelineTooltip target={hover.target} x={hover.x} y={hover.y} width={width} zone={input.zone} /> : null}
    </div>
  );
}
