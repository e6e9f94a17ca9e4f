/**
 * Hand-drawn 16px stroke icons (no icon font, nothing from the network). Each is a list of SVG
 * path strings on a 16x16 grid; they inherit `currentColor`.
 */
const PATHS = {
  overview: ['M2.5 2.5h4.5v4.5h-4.5z', 'M9 2.5h4.5v4.5h-4.5z', 'M2.5 9h4.5v4.5h-4.5z', 'M9 9h4.5v4.5h-4.5z'],
  dashboard: ['M2.5 13.5h11', 'M4 13.5v-4', 'M7 13.5v-8', 'M10 13.5v-6', 'M13 13.5v-10'],
  cases: ['M2 5h12v8.5h-12z', 'M5.5 5v-2h5v2', 'M2 8.5h12'],
  graph: [
    'M4 4m-1.75 0a1.75 1.75 0 1 0 3.5 0a1.75 1.75 0 1 0 -3.5 0',
    'M12 5m-1.75 0a1.75 1.75 0 1 0 3.5 0a1.75 1.75 0 1 0 -3.5 0',
    'M7 12m-1.75 0a1.75 1.75 0 1 0 3.5 0a1.75 1.75 0 1 0 -3.5 0',
    'M5.7 4.4l4.6 .4',
    'M4.7 5.6l1.6 4.7',
    'M10.8 6.3l-2.6 4.3',
  ],
  timeline: ['M2.5 4h3', 'M2.5 8h6', 'M2.5 12h4', 'M10 4h3.5', 'M11.5 8h2', 'M9 12h4.5'],
  sql: [
    'M8 2.5c3 0 5.5 .9 5.5 2s-2.5 2-5.5 2s-5.5-.9-5.5-2s2.5-2 5.5-2z',
    'M2.5 4.5v7c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2v-7',
    'M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2',
  ],
  packets: ['M2.5 5l5.5-2.5l5.5 2.5v6.5l-5.5 2.5l-5.5-2.5z', 'M2.5 5l5.5 2.5l5.5-2.5', 'M8 7.5v7'],
  sources: ['M8 2v8', 'M5 7l3 3l3-3', 'M2.5 10.5v2.5h11v-2.5'],
  rules: ['M8 1.8l5 2v4c0 3-2.2 5.2-5 6.4c-2.8-1.2-5-3.4-5-6.4v-4z', 'M5.8 8l1.6 1.6l2.8-3'],
  settings: [
    'M8 8m-2 0a2 2 0 1 0 4 0a2 2 0 1 0 -4 0',
    'M8 1.5v2',
    'M8 12.5v2',
    'M1.5 8h2',
    'M12.5 8h2',
    'M3.4 3.4l1.4 1.4',
    'M11.2 11.2l1.4 1.4',
    'M3.4 12.6l1.4-1.4',
    'M11.2 4.8l1.4-1.4',
  ],
  search: ['M7 7m-4.5 0a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0', 'M10.4 10.4l3.6 3.6'],
  close: ['M4 4l8 8', 'M12 4l-8 8'],
  check: ['M3 8.5l3.2 3.2l6.8-7'],
  alert: ['M8 2l6.5 11.5h-13z', 'M8 6.5v3', 'M8 11.6v.2'],
  info: ['M8 8m-6 0a6 6 0 1 0 12 0a6 6 0 1 0 -12 0', 'M8 7.5v3.5', 'M8 5.2v.2'],
  chevronRight: ['M6 3.5l4.5 4.5l-4.5 4.5'],
  chevronUp: ['M3.5 10l4.5-4.5l4.5 4.5'],
  folder: ['M1.8 3.5h4.4l1.5 1.5h6.5v8h-12.4z'],
  file: ['M3.5 1.8h6l3 3v9.4h-9z', 'M9.5 1.8v3h3'],
  sync: ['M13 6.5a5 5 0 0 0 -9.3-1.5', 'M3 9.5a5 5 0 0 0 9.3 1.5', 'M3.5 2.5v2.8h2.8', 'M12.5 13.5v-2.8h-2.8'],
  stop: ['M4.5 4.5h7v7h-7z'],
  plus: ['M8 3v10', 'M3 8h10'],
  sun: [
    'M8 8m-2.8 0a2.8 2.8 0 1 0 5.6 0a2.8 2.8 0 1 0 -5.6 0',
    'M8 1.5v1.3',
    'M8 13.2v1.3',
    'M1.5 8h1.3',
    'M13.2 8h1.3',
    'M3.4 3.4l.9 .9',
    'M11.7 11.7l.9 .9',
    'M3.4 12.6l.9-.9',
    'M11.7 4.3l.9-.9',
  ],
  moon: ['M13 9.8a5.5 5.5 0 1 1 -6.8-6.8a4.5 4.5 0 0 0 6.8 6.8z'],
  jobs: ['M2.5 3.5h11', 'M2.5 8h11', 'M2.5 12.5h7'],
  database: [
    'M8 2.5c3 0 5.5 .9 5.5 2s-2.5 2-5.5 2s-5.5-.9-5.5-2s2.5-2 5.5-2z',
    'M2.5 4.5v7c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2v-7',
  ],
  command: [
    'M5.5 5.5h5v5h-5z',
    'M5.5 5.5v-1.5a1.5 1.5 0 1 0 -1.5 1.5z',
    'M10.5 5.5h1.5a1.5 1.5 0 1 0 -1.5-1.5z',
    'M10.5 10.5v1.5a1.5 1.5 0 1 0 1.5-1.5z',
    'M5.5 10.5h-1.5a1.5 1.5 0 1 0 1.5 1.5z',
  ],
  trash: ['M3 4.5h10', 'M6.5 4.5v-2h3v2', 'M4.3 4.5l.7 9h6l.7-9'],
  link: ['M6.8 9.2l2.4-2.4', 'M7.5 4.5l1-1a2.6 2.6 0 0 1 3.7 3.7l-1 1', 'M8.5 11.5l-1 1a2.6 2.6 0 0 1 -3.7-3.7l1-1'],
  arrowUp: ['M8 13V3', 'M4 7l4-4l4 4'],
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
