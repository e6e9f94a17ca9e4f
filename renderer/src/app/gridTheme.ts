/**
 * AG Grid setup: the Community modules, and the Quartz theme bound to our CSS variables so the
 * grids follow the app's palette. The `dark` mode is picked by `data-ag-theme-mode` on <html>
 * (set by theme.ts); colours come from the variables either way, the mode switches the
 * browser's native parts (scrollbars, inputs) and AG Grid's derived shades.
 */
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

const shared = {
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  backgroundColor: 'var(--surface)',
  foregroundColor: 'var(--text)',
  textColor: 'var(--text)',
  subtleTextColor: 'var(--text-muted)',
  accentColor: 'var(--accent)',
  borderColor: 'var(--border)',
  chromeBackgroundColor: 'var(--surface-2)',
  headerBackgroundColor: 'var(--surface-2)',
  headerTextColor: 'var(--text-muted)',
  rowHoverColor: 'var(--surface-hover)',
  selectedRowBackgroundColor: 'var(--accent-soft)',
  oddRowBackgroundColor: 'var(--surface)',
  rowBorder: { color: 'var(--border)' },
  wrapperBorder: false,
  wrapperBorderRadius: 0,
  borderRadius: 4,
  spacing: 6,
  rowHeight: 30,
  headerHeight: 32,
  cellHorizontalPadding: 10,
  focusShadow: { spread: 2, color: 'var(--focus)' },
  columnBorder: false,
} as const;

export const gridTheme = themeQuartz
  .withParams({ ...shared, browserColorScheme: 'light' }, 'light')
  .withParams({ ...shared, browserColorScheme: 'dark' }, 'dark');
