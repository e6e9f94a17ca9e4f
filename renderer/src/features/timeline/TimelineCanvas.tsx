/**
 * The lanes, drawn on one canvas (no DOM node per event). Wheel zooms around the cursor
 * (ctrl+wheel and trackpad pinch too, faster), horizontal wheel or shift+wheel pans, drag pans,
 * shift+drag brushes a range, two-finger touch pinches. Keyboard when focused: + / − zoom,
 * ← / → pan (shift: further), Home fits everything, Esc clears the brush. Redraws are coalesced
 * into one requestAnimationFrame; hover shows a tooltip from the scene's hit targets.
 *
 * Zoom and pan frames do not go through React: the canvas keeps the live viewport in a ref,
 * repaints it on the next animation frame, and tells the screen (`onViewport`) once the gesture
 * pauses (COMMIT_MS), so the rest of the screen (grid, strip, data request) re-renders once per
 * gesture rather than once per frame. A viewport set by the screen (Fit, a brush, a pattern)
 * replaces the live one at once.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { LockstepGroup } from '../../../../shared/contract/timeline';
import { binLayer } from './binLayer';
import { paintScene } from './paint';
import { buildScene, hitTest, LABEL_W, type EventRef, type HitTarget, type SceneInput } from './scene';
import { panBy, tOf, zoomAround, type Viewport } from './scale';
import { TimelineTooltip } from './TimelineTooltip';

const RIGHT_PAD = 8;
/** How long a zoom or pan must pause before the screen hears of the new viewport. */
const COMMIT_MS = 120;

const sameVp = (a: Viewport, b: Viewport) => a.from === b.from && a.to === b.to;

export interface TimelineCanvasProps {
  readonly input: Omit<SceneInput, 'width' | 'brush'>;
  readonly brush: Viewport | null;
  readonly onViewport: (vp: Viewport) => void;
  readonly onBrush: (range: Viewport | null) => void;
  /** Fits everything; returns the viewport the screen set (null when there is nothing to fit). */
  readonly onFit: () => Viewport | null;
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
  /** The viewport on screen; ahead of `input.vp` during a gesture. */
  const live = useRef<Viewport>(vp);
  /** The viewport last handed to the screen, until the screen's answer comes back as `input.vp`. */
  const sent = useRef<Viewport | null>(null);
  const commitTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const drawState = useRef({ width, draftBrush, brush });
  drawState.current = { width, draftBrush, brush };

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

  // One paint per animation frame however many changes arrive in between; it draws the live
  // viewport with the latest props.
  const requestDraw = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const canvas = canvasRef.current;
      const { width: w, draftBrush: draft, brush: b } = drawState.current;
      const current = propsRef.current.input;
      if (!canvas || w <= 0) return;
      const scene = buildScene({ ...current, vp: live.current, width: w, brush: draft ?? b, binsAsLayer: true, withHits: false });
      const dpr = window.devicePixelRatio || 1;
      paintScene(canvas, scene, current.theme, dpr, current.view ? binLayer(current.view, current.laneHeight, dpr) : null);
      if (current.view && performance.getEntriesByName('timeline:data').length > 0 && performance.getEntriesByName('timeline:paint').length === 0) {
        performance.mark('timeline:paint');
      }
      canvas.dataset['paints'] = String(Number(canvas.dataset['paints'] ?? 0) + 1);
      if (wrapRef.current) wrapRef.current.dataset['viewport'] = `${live.current.from},${live.current.to}`;
    });
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  useEffect(() => () => clearTimeout(commitTimer.current), []);

  // The screen's viewport: our own commit coming back is already on screen; anything else
  // (Fit, a brush, a pattern, the first data) replaces the live viewport and any pending commit.
  useEffect(() => {
    const fromScreen = { from: vp.from, to: vp.to };
    if (sent.current && sameVp(sent.current, fromScreen)) {
      sent.current = null;
      return;
    }
    clearTimeout(commitTimer.current);
    sent.current = null;
    live.current = fromScreen;
    requestDraw();
  }, [vp.from, vp.to]);

  // Anything else the picture depends on.
  useEffect(() => {
    requestDraw();
  }, [input, width, draftBrush, brush]);

  /** Moves the live viewport now and tells the screen when the gesture pauses. */
  const moveTo = (next: Viewport) => {
    live.current = next;
    requestDraw();
    clearTimeout(commitTimer.current);
    commitTimer.current = setTimeout(() => {
      sent.current = live.current;
      propsRef.current.onViewport(live.current);
    }, COMMIT_MS);
  };

  // Hit targets only when the pointer asks (hover, click): zoom frames never pay for them.
  const hitScene = useRef<{ key: string; input: unknown; scene: ReturnType<typeof buildScene> } | null>(null);
  const hitsNow = () => {
    if (width <= 0) return null;
    const key = `${live.current.from},${live.current.to},${width},${brush?.from ?? ''},${brush?.to ?? ''}`;
    if (hitScene.current?.key !== key || hitScene.current.input !== input) {
      hitScene.current = { key, input, scene: buildScene({ ...input, vp: live.current, width, brush, binsAsLayer: true, withHits: true }) };
    }
    return hitScene.current.scene;
  };

  const localX = (clientX: number) => clientX - (canvasRef.current?.getBoundingClientRect().left ?? 0);
  const timeAt = (clientX: number) => tOf(localX(clientX), live.current, LABEL_W, plotW);

  const moveToRef = useRef(moveTo);
  moveToRef.current = moveTo;

  // Wheel must be a non-passive native listener to keep the page from scrolling while zooming.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const onWheel = (event: WheelEvent) => {
      const x = localX(event.clientX);
      if (x < LABEL_W) return; // over the lane labels: let the page scroll
      event.preventDefault();
      const current = live.current;
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
      const dx = event.deltaX * unit;
      const dy = event.deltaY * unit;
      if (event.shiftKey || Math.abs(dx) > Math.abs(dy)) {
        const px = event.shiftKey && dx === 0 ? dy : dx;
        moveToRef.current(panBy(current, (px / plotW) * (current.to - current.from)));
        return;
      }
      const factor = Math.exp(dy * (event.ctrlKey ? 0.01 : 0.0015));
      moveToRef.current(zoomAround(current, tOf(x, current, LABEL_W, plotW), factor));
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
      gesture.current = { kind: 'pinch', startDistance: Math.abs(a!.x - b!.x) || 1, startVp: live.current, anchor: timeAt((a!.x + b!.x) / 2) };
      return;
    }
    if (localX(event.clientX) < LABEL_W) return;
    gesture.current = { kind: event.shiftKey ? 'brush' : 'pan', startX: event.clientX, startVp: live.current, moved: false, pointerId: event.pointerId };
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (pointers.current.has(event.pointerId)) pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    const g = gesture.current;
    if (g?.kind === 'pinch' && pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      const distance = Math.abs(a!.x - b!.x) || 1;
      moveTo(zoomAround(g.startVp, g.anchor, g.startDistance / distance));
      return;
    }
    if (g && g.kind !== 'pinch') {
      const dx = event.clientX - g.startX;
      if (Math.abs(dx) > 3) g.moved = true;
      if (g.moved && g.kind === 'pan') {
        moveTo(panBy(g.startVp, (-dx / plotW) * (g.startVp.to - g.startVp.from)));
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
    const now = live.current;
    const span = now.to - now.from;
    const centre = now.from + span / 2;
    let handled = true;
    if (event.key === '+' || event.key === '=') moveTo(zoomAround(now, centre, 0.5));
    else if (event.key === '-' || event.key === '_') moveTo(zoomAround(now, centre, 2));
    else if (event.key === 'ArrowLeft') moveTo(panBy(now, -span * (event.shiftKey ? 0.5 : 0.15)));
    else if (event.key === 'ArrowRight') moveTo(panBy(now, span * (event.shiftKey ? 0.5 : 0.15)));
    else if (event.key === 'Home') {
      // The fit replaces any pending move, and is drawn now even if the screen's viewport
      // (still the one before the move) does not change.
      clearTimeout(commitTimer.current);
      const fitted = props.onFit();
      if (fitted) {
        live.current = fitted;
        sent.current = sameVp(fitted, vp) ? null : fitted;
        requestDraw();
      }
    }
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
