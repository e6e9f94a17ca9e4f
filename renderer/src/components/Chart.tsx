/**
 * Charts drawn by Apache ECharts (a maintained chart library) with its SVG renderer: crisp at any
 * zoom, no eval (so it runs under our CSP), and exportable as SVG or PNG. Colours come from the
 * app's CSS variables, so charts follow the light and dark themes. `option` is built by the
 * caller with `chartPalette()` for colours.
 */
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { useThemeName } from '../lib/useThemeName';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, MarkPointComponent, SVGRenderer]);

export interface ChartHandle {
  /** Downloads the chart as `<name>.svg` or `<name>.png`. */
  download(kind: 'svg' | 'png', name: string): Promise<void>;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** The theme's colours, read when a chart is (re)drawn. */
export function chartPalette() {
  return {
    text: cssVar('--text', '#1d2430'),
    muted: cssVar('--text-muted', '#5b6472'),
    faint: cssVar('--text-faint', '#8a93a0'),
    border: cssVar('--border', '#d9dde3'),
    surface: cssVar('--surface', '#ffffff'),
    accent: cssVar('--accent', '#2f6fdd'),
    danger: cssVar('--danger', '#c43d3d'),
    ok: cssVar('--success', '#2e8a57'),
    warn: cssVar('--warning', '#b7791f'),
    series: ['#2f6fdd', '#d9822b', '#2e8a57', '#8e5cd9', '#c43d3d', '#138496', '#7a869a'],
  };
}

/** Axis and tooltip styling shared by every chart. */
export function baseOption(p: ReturnType<typeof chartPalette>) {
  return {
    animation: false,
    textStyle: { fontFamily: 'inherit', fontSize: 11, color: p.muted },
    color: p.series,
    tooltip: { trigger: 'axis', backgroundColor: p.surface, borderColor: p.border, textStyle: { color: p.text, fontSize: 12 } },
    legend: { type: 'scroll', top: 0, right: 0, left: 48, textStyle: { color: p.muted, fontSize: 11 }, itemWidth: 12, itemHeight: 8, pageTextStyle: { color: p.muted } },
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
  };
}

function download(href: string, file: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = file.replace(/[^a-zA-Z0-9_.-]/g, '_');
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export const Chart = forwardRef<ChartHandle, { option: EChartsCoreOption; label: string; height?: number; testId?: string }>(function Chart(
  { option, label, height = 220, testId },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const theme = useThemeName();

  useEffect(() => {
    if (!host.current) return undefined;
    const instance = echarts.init(host.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, theme]);

  useImperativeHandle(ref, () => ({
    async download(kind, name) {
      const instance = chart.current;
      if (!instance) return;
      const svg = instance.renderToSVGString();
      if (kind === 'svg') {
        const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
        download(url, `${name}.svg`);
        setTimeout(() => URL.revokeObjectURL(url), 1000);
        return;
      }
      const img = new Image();
      const svgUrl = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      await new Promise<void>((resolve, reject) => {
        img.onload = () => resolve();
        img.onerror = () => reject(new Error('The chart could not be rasterised.'));
        img.src = svgUrl;
      });
      const scale = 2;
      const canvas = document.createElement('canvas');
      canvas.width = instance.getWidth() * scale;
      canvas.height = instance.getHeight() * scale;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.fillStyle = chartPalette().surface;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0);
      URL.revokeObjectURL(svgUrl);
      download(canvas.toDataURL('image/png'), `${name}.png`);
    },
  }));

  return <div className="chart" ref={host} role="img" aria-label={label} data-testid={testId} style={{ height }} />;
});
