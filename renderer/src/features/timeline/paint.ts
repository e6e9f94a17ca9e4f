/**
 * Paints a scene on a canvas (devicePixelRatio-aware: the backing store is scaled, coordinates
 * stay in CSS pixels) and serialises the same scene as a standalone SVG document for export.
 */
import type { CanvasTheme } from './palette';
import type { Prim, Scene } from './scene';

/** Sizes the canvas backing store for the scene at `dpr` and paints it. */
export function paintScene(canvas: HTMLCanvasElement, scene: Scene, theme: CanvasTheme, dpr: number, layer: HTMLCanvasElement | null = null): void {
  const w = Math.round(scene.width * dpr);
  const h = Math.round(scene.height * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  // Touch the style only on change: a style write invalidates layout for the whole screen.
  if (canvas.style.width !== `${scene.width}px`) canvas.style.width = `${scene.width}px`;
  if (canvas.style.height !== `${scene.height}px`) canvas.style.height = `${scene.height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.textBaseline = 'middle';
  for (const p of scene.prims) paintPrim(ctx, p, theme, layer);
}

function paintPrim(ctx: CanvasRenderingContext2D, p: Prim, theme: CanvasTheme, layer: HTMLCanvasElement | null): void {
  ctx.globalAlpha = 'alpha' in p && p.alpha !== undefined ? p.alpha : 1;
  switch (p.k) {
    case 'rect':
      ctx.fillStyle = p.fill;
      ctx.fillRect(p.x, p.y, p.w, p.h);
      break;
    case 'rects': {
      ctx.fillStyle = p.fill;
      ctx.beginPath();
      const d = p.data;
      for (let i = 0; i < d.length; i += 4) ctx.rect(d[i]!, d[i + 1]!, d[i + 2]!, d[i + 3]!);
      ctx.fill();
      break;
    }
    case 'line': {
      ctx.strokeStyle = p.stroke;
      ctx.lineWidth = p.width;
      ctx.setLineDash(p.dash ? [...p.dash] : []);
      ctx.beginPath();
      // Half-pixel offset keeps 1px vertical and horizontal lines crisp.
      const off = p.width % 2 === 1 ? 0.5 : 0;
      ctx.moveTo(Math.round(p.x1) + off, Math.round(p.y1) + off);
      ctx.lineTo(Math.round(p.x2) + off, Math.round(p.y2) + off);
      ctx.stroke();
      ctx.setLineDash([]);
      break;
    }
    case 'text':
      ctx.fillStyle = p.fill;
      ctx.font = `${p.bold ? '600 ' : ''}${p.size}px ${p.mono ? theme.mono : theme.font}`;
      ctx.textAlign = p.align;
      ctx.fillText(p.text, p.x, p.y);
      break;
    case 'layer':
      if (layer) {
        // Columns are bins: stretch them crisp, never blurred into each other.
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(layer, p.sx, 0, p.sw, layer.height, p.x, p.y, p.w, p.h);
        ctx.imageSmoothingEnabled = true;
      }
      break;
    case 'poly': {
      ctx.fillStyle = p.fill;
      ctx.beginPath();
      for (let i = 0; i < p.points.length; i += 2) {
        if (i === 0) ctx.moveTo(p.points[i]!, p.points[i + 1]!);
        else ctx.lineTo(p.points[i]!, p.points[i + 1]!);
      }
      ctx.closePath();
      ctx.fill();
      break;
    }
  }
  ctx.globalAlpha = 1;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const n = (v: number) => (Math.round(v * 100) / 100).toString();

/** A standalone SVG document of the scene, with a title and description for evidence packets. */
export function sceneToSvg(scene: Scene, theme: CanvasTheme, title: string, description: string): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(scene.width)}" height="${n(scene.height)}" viewBox="0 0 ${n(scene.width)} ${n(scene.height)}">`,
    `<title>${esc(title)}</title>`,
    `<desc>${esc(description)}</desc>`,
  ];
  for (const p of scene.prims) {
    const opacity = 'alpha' in p && p.alpha !== undefined ? ` opacity="${n(p.alpha)}"` : '';
    switch (p.k) {
      case 'rect':
        out.push(`<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}" fill="${esc(p.fill)}"${opacity}/>`);
        break;
      case 'rects': {
        const parts: string[] = [];
        for (let i = 0; i < p.data.length; i += 4) {
          parts.push(`M${n(p.data[i]!)} ${n(p.data[i + 1]!)}h${n(p.data[i + 2]!)}v${n(p.data[i + 3]!)}h${n(-p.data[i + 2]!)}z`);
        }
        if (parts.length > 0) out.push(`<path d="${parts.join('')}" fill="${esc(p.fill)}"${opacity}/>`);
        break;
      }
      case 'line':
        out.push(
          `<line x1="${n(p.x1)}" y1="${n(p.y1)}" x2="${n(p.x2)}" y2="${n(p.y2)}" stroke="${esc(p.stroke)}" stroke-width="${n(p.width)}"${p.dash ? ` stroke-dasharray="${p.dash.join(' ')}"` : ''}${opacity}/>`,
        );
        break;
      case 'text': {
        const anchor = p.align === 'left' ? 'start' : p.align === 'right' ? 'end' : 'middle';
        out.push(
          `<text x="${n(p.x)}" y="${n(p.y)}" dominant-baseline="central" text-anchor="${anchor}" font-size="${p.size}" font-family="${esc(p.mono ? theme.mono : theme.font)}"${p.bold ? ' font-weight="600"' : ''} fill="${esc(p.fill)}">${esc(p.text)}</text>`,
        );
        break;
      }
      case 'layer':
        break; // exports build their scene with vector bins (binsAsLayer off)
      case 'poly':
        out.push(`<polygon points="${p.points.map(n).join(' ')}" fill="${esc(p.fill)}"/>`);
        break;
    }
  }
  out.push('</svg>');
  return out.join('\n');
}
