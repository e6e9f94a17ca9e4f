/** Timeline handlers: all reads (see view.ts, events.ts, patterns.ts, markers.ts for contracts). */
import type { ReadHandlers } from '../service/context.js';
import { timelineEvents } from './events.js';
import { caseSubjects, timelineMarkers } from './markers.js';
import { timelinePatterns } from './patterns.js';
import { timelineView } from './view.js';

export const timelineReadHandlers = {
  'timeline.view': (req, { db }) => timelineView(db, req),
  'timeline.events': (req, { db }) => timelineEvents(db, req),
  'timeline.patterns': (req, { db }) => timelinePatterns(db, req),
  'timeline.markers': (req, { db }) => timelineMarkers(db, req),
  'timeline.caseSubjects': (req, { db }) => caseSubjects(db, req.caseId),
} satisfies Partial<ReadHandlers>;
