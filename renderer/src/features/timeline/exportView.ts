/**
 * Exports of the current timeline view: PNG (the scene painted at 2× on an offscreen canvas,
 * all lanes, not just the scrolled part) and SVG (the same scene serialised as vector shapes),
 * both with the window and zone in their description. Also the payload for pinning the view to
 * a case as evidence.
 */
import type { DisplayZone } from '../../lib/format';
import { paintScene, sceneToSvg } from './paint';
import type { CanvasTheme } from './palette';
import { formatInstant } from './scale';
import type { Scene } from './scene';

export interface ExportMeta {
  readonly accounts: readonly string[];
  readonly from: number;
  readonly to: number;
  readonly zone: DisplayZone;
}

function describe(meta: ExportMeta): { title: string; description: string } {
  return {
    title: `Ringside timeline: ${meta.accounts.length} accounts`,
    description: `Accounts: ${meta.accounts.join(', ')}. Window ${formatInstant(meta.from, meta.zone)} to ${formatInstant(meta.to, meta.zone)}. Exported ${new Date().toISOString()}.`,
  };
}

export function fileStem(meta: ExportMeta): string {
  return `timeline-${new Date(meta.from).toISOString().slice(0, 16).replace(/[:T]/g, '')}-${meta.accounts.length}acc`;
}

export function renderSvg(scene: Scene, theme: CanvasTheme, meta: ExportMeta): string {
  const { title, description } = describe(meta);
  return sceneToSvg(scene, theme, title, description);
}

export function renderPng(scene: Scene, theme: CanvasTheme): Promise<Blob> {
  const canvas = document.createElement('canvas');
  paintScene(canvas, scene, theme, 2);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG'))), 'image/png'));
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the PNG'));
    reader.readAsDataURL(blob);
  });
}
