/**
 * The Cytoscape view of a GraphView. Keeps one Cytoscape instance for the screen's life and
 * diffs elements in, so expanding keeps every placed node where it was: new nodes start next to
 * a neighbour already on screen (or on a spiral where their group was) and fcose runs with the
 * old nodes fixed. Views above aggregate.ts's thresholds are drawn as groups (rings, or linked
 * ring-less accounts) with a note saying so; double-clicking a group opens it. Above LARGE_GRAPH
 * drawn elements it switches to the cheap path (packLayout instead of fcose, no labels, haystack
 * edges). Cytoscape's WebGL renderer is not used: it is experimental and falls back under
 * --disable-gpu, so the reliable path is drawing fewer, meaningful elements.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { GraphView } from '../../../../shared/contract/graph';
import { aggregate, shouldAggregate, type Aggregation, type Grouping } from './aggregate';
import { elementsOf, type ViewMode } from './elements';

export type { ViewMode };
import { graphStylesheet } from './graphStyle';
import { packLayout } from './packLayout';

cytoscape.use(fcose);
cytoscape.use(svg);

export const LARGE_GRAPH = 1500;



export interface GraphCanvasHandle {
  png(): string;
  svg(): string;
  fit(): void;
  focus(id: string): boolean;
  unselectAll(): void;
  /** Marks the path edges/nodes (ids) and fades the rest; empty clears. */
  showPath(nodeIds: readonly string[]): void;
}

interface Props {
  view: GraphView | null;
  mode: ViewMode;
  grouping: Grouping;
  highlighted: string | null;
  theme: string;
  onSelect(ids: string[]): void;
  onActivate(id: string): void;
  onLaidOut(ms: number, nodes: number): void;
}

const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/** What the canvas says about an aggregated view. */
interface AggregateNote {
  accounts: number;
  groups: number;
  open: number;
}

/** Fits the graph, but never zooms a handful of nodes up to poster size. */
function fitCapped(cy: Core): void {
  cy.fit(undefined, 40);
  if (cy.zoom() > 1.3) {
    cy.zoom(1.3);
    cy.center();
  }
}

export const GraphCanvas = forwardRef<GraphCanvasHandle, Props>(function GraphCanvas(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const largeRef = useRef(false);
  const modeRef = useRef<ViewMode>(props.mode);
  const callbacks = useRef(props);
  callbacks.current = props;
  // Aggregation state: the groups opened by the investigator, and the current grouping.
  const openGroups = useRef(new Set<string>());
  const aggRef = useRef<Aggregation | null>(null);
  const drawRef = useRef<(relayout: boolean) => void>(() => undefined);
  const [note, setNote] = useState<AggregateNote | null>(null);

  useEffect(() => {
    if (!host.current) return undefined;
    const cy = cytoscape({
      container: host.current,
      style: graphStylesheet(false),
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: true,
      selectionType: 'additive',
      textureOnViewport: false,
    });
    // A selected group stands for its accounts.
    const report = () => {
      const ids = new Set(cy.$('node[type = "account"]:selected').map((n) => n.id()));
      for (const g of cy.$('node[type = "group"]:selected')) for (const id of aggRef.current?.members.get(g.id()) ?? []) if (!id.startsWith('i:')) ids.add(id);
      callbacks.current.onSelect([...ids]);
    };
    cy.on('select unselect', 'node', report);
    cy.on('dbltap', 'node', (e) => {
      const id = e.target.id() as string;
      if (e.target.data('type') === 'group') {
        openGroups.current.add(id);
        drawRef.current(false);
      } else callbacks.current.onActivate(id);
    });
    cyRef.current = cy;
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  useEffect(() => {
    cyRef.current?.style(graphStylesheet(largeRef.current));
  }, [props.theme]);

  // Draws the current view (aggregated when large) into the Cytoscape instance. `modeChanged`
  // re-lays out everything; otherwise placed nodes keep their positions.
  drawRef.current = (modeChanged: boolean) => {
    const cy = cyRef.current;
    if (!cy) return;
    const started = performance.now();
    const view = callbacks.current.view;
    const all = view ? elementsOf(view, callbacks.current.mode) : [];
    let wanted = all;
    if (shouldAggregate(all, callbacks.current.grouping)) {
      const agg = aggregate(all, openGroups.current);
      for (const g of openGroups.current) if (!agg.members.has(g)) openGroups.current.delete(g);
      aggRef.current = agg;
      wanted = agg.elements as ElementDefinition[];
      setNote({ accounts: agg.accounts, groups: agg.groups, open: openGroups.current.size });
    } else {
      aggRef.current = null;
      setNote(null);
    }
    const wantedIds = new Set(wanted.map((e) => e.data.id as string));
    const large = wanted.length > LARGE_GRAPH;
    if (large !== largeRef.current) {
      largeRef.current = large;
      cy.style(graphStylesheet(large));
    }
    // Where opened groups were, so their members unfold in place.
    const groupAt = new Map<string, { x: number; y: number }>();
    cy.batch(() => {
      const gone = cy.elements().filter((el) => !wantedIds.has(el.id()));
      gone.nodes('[type = "group"]').forEach((n) => void groupAt.set(n.id(), { ...n.position() }));
      gone.remove();
    });
    const kept = cy.nodes().map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
    const fresh = wanted.filter((e) => cy.getElementById(e.data.id as string).empty());
    if (fresh.length === 0) {
      callbacks.current.onLaidOut(performance.now() - started, cy.nodes().length);
      return;
    }
    cy.batch(() => {
      const added = cy.add(fresh);
      const spiral = new Map<string, number>();
      added.nodes().forEach((n) => {
        // Members of a group just opened: a sunflower spiral where the group was.
        const group = aggRef.current?.groupOf.get(n.id());
        const at = group ? groupAt.get(group) : undefined;
        if (at && group) {
          const i = spiral.get(group) ?? 0;
          spiral.set(group, i + 1);
          const r = 14 * Math.sqrt(i);
          n.position({ x: at.x + r * Math.cos(i * GOLDEN), y: at.y + r * Math.sin(i * GOLDEN) });
          return;
        }
        // Otherwise start beside a neighbour already placed, so the layout only nudges.
        const anchor = n.neighborhood().nodes().filter((m) => !added.contains(m));
        if (anchor.nonempty()) {
          const p = (anchor.first() as cytoscape.NodeSingular).position();
          n.position({ x: p.x + (Math.random() - 0.5) * 80, y: p.y + (Math.random() - 0.5) * 80 });
        }
      });
    });
    // A mode switch re-lays out everything; an expansion keeps what was placed.
    const incremental = kept.length > 0 && !modeChanged;
    if (large || (incremental && groupAt.size > 0)) {
      // Large graphs skip the force layout (it cannot finish inside the first-paint budget):
      // packed components on spirals, computed in milliseconds; expansions keep their anchors,
      // and an opened group stays on its spiral.
      if (!incremental) {
        const positions = packLayout(wanted);
        cy.batch(() => cy.nodes().forEach((n) => void n.position(positions.get(n.id()) ?? n.position())));
        fitCapped(cy);
      }
      callbacks.current.onLaidOut(performance.now() - started, cy.nodes().length);
      return;
    }
    const layout = cy.layout({
      name: 'fcose',
      quality: 'default',
      randomize: !incremental,
      animate: false,
      nodeSeparation: 60,
      idealEdgeLength: 70,
      nodeRepulsion: 6000,
      numIter: 2500,
      // Every node already on screen stays exactly where it is; only the new ones move.
      fixedNodeConstraint: incremental ? kept : undefined,
      packComponents: true,
    } as cytoscape.LayoutOptions);
    layout.one('layoutstop', () => {
      if (!incremental) fitCapped(cy);
      callbacks.current.onLaidOut(performance.now() - started, cy.nodes().length);
    });
    layout.run();
  };

  useEffect(() => {
    const modeChanged = modeRef.current !== props.mode;
    modeRef.current = props.mode;
    drawRef.current(modeChanged);
  }, [props.view, props.mode, props.grouping]);

  /** Opens the groups holding `ids` (so they can be focused or highlighted); true if any opened. */
  const openGroupsOf = (ids: readonly string[]): boolean => {
    const agg = aggRef.current;
    if (!agg) return false;
    let opened = false;
    for (const id of ids) {
      const g = agg.groupOf.get(id);
      if (g && !openGroups.current.has(g)) {
        openGroups.current.add(g);
        opened = true;
      }
    }
    if (opened) drawRef.current(false);
    return opened;
  };

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes('.highlighted').removeClass('highlighted');
    if (props.highlighted) cy.getElementById(props.highlighted).addClass('highlighted');
  }, [props.highlighted, props.view]);

  useImperativeHandle(ref, () => ({
    png: () => (cyRef.current ? cyRef.current.png({ output: 'base64uri', full: true, scale: 2, bg: getComputedStyle(document.body).backgroundColor }) : ''),
    svg: () => (cyRef.current ? (cyRef.current as unknown as { svg(o: object): string }).svg({ full: true, scale: 1, bg: getComputedStyle(document.body).backgroundColor }) : ''),
    fit: () => cyRef.current && fitCapped(cyRef.current),
    unselectAll: () => void cyRef.current?.$(':selected').unselect(),
    focus: (id) => {
      openGroupsOf([id]);
      const cy = cyRef.current;
      const node = cy?.getElementById(id);
      if (!cy || !node || node.empty()) return false;
      cy.$(':selected').unselect();
      node.select();
      cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 200 });
      return true;
    },
    showPath: (ids) => {
      const cy = cyRef.current;
      if (!cy) return;
      cy.elements().removeClass('faded path');
      if (ids.length === 0) return;
      openGroupsOf(ids);
      const onPath = new Set(ids);
      cy.edges().forEach((e) => {
        const s = e.source().id();
        const t = e.target().id();
        const i = ids.indexOf(s);
        if (i >= 0 && (ids[i + 1] === t || ids[i - 1] === t)) e.addClass('path');
      });
      cy.elements().filter((el) => (el.isNode() ? !onPath.has(el.id()) : !el.hasClass('path'))).addClass('faded');
    },
  }));

  const collapseAll = () => {
    openGroups.current.clear();
    drawRef.current(false);
  };
  return (
    <>
      <div ref={host} className="graph-canvas" data-testid="graph-canvas" data-aggregated={note ? 'yes' : 'no'} tabIndex={0} aria-label="Account link graph" />
      {note ? (
        <div className="graph-aggregate-note small" data-testid="graph-aggregate-note" role="status">
          <strong>{note.accounts.toLocaleString('en-US')} accounts</strong> — {props.grouping === 'always' ? 'grouped by ring (Group: By ring)' : 'too many to draw one by one: grouped by ring'} ({note.groups.toLocaleString('en-US')} group{note.groups === 1 ? '' : 's'}; linked accounts outside rings grouped together), labels on groups only. Double-click a group to open it.
          {note.open > 0 ? (
            <>
              {' '}
              {note.open} open ·{' '}
              <button type="button" className="btn btn-xs btn-ghost" onClick={collapseAll}>
                Close all groups
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
});
