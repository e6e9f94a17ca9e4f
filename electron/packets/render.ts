/**
 * Rendering HTML to PDF and SVG to PNG. The packet code depends only on the `PacketRenderer`
 * interface; the default is headless Chromium through playwright-core (CLI, tests, browser
 * mode). The desktop app can inject Electron's `webContents.printToPDF` / `capturePage` with
 * `setPacketRenderer()` from electron/main (the Electron binary is not available in this build
 * environment, so that wiring is documented, not exercised). When no Chromium can be found the
 * export fails with UNAVAILABLE naming what is missing; the PDF is never silently dropped.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { RingsideError } from '../../shared/contract/errors.js';

export interface PdfRenderer {
  /** A4 PDF of a self-contained HTML document. */
  pdf(html: string): Promise<Uint8Array>;
}

export interface PngRenderer {
  /** PNG of an SVG document at its intrinsic size. */
  png(svg: string, width: number, height: number): Promise<Uint8Array>;
}

export interface PacketRenderer extends PdfRenderer, PngRenderer {
  close(): Promise<void>;
}

export type RendererFactory = () => Promise<PacketRenderer>;

let factory: RendererFactory = chromiumRenderer;

/** The hook for electron/main: make packet exports use Electron's own renderer. */
export function setPacketRenderer(next: RendererFactory): void {
  factory = next;
}

export function openRenderer(): Promise<PacketRenderer> {
  return factory();
}

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env['CHROMIUM_PATH'];
  if (configured) return fs.existsSync(configured) ? configured : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/** Headless Chromium via playwright-core; one browser per export, closed afterwards. */
export async function chromiumRenderer(): Promise<PacketRenderer> {
  const executablePath = findChromium();
  if (!executablePath) {
    const configured = process.env['CHROMIUM_PATH'];
    throw new RingsideError(
      'UNAVAILABLE',
      configured
        ? `CHROMIUM_PATH is set to ${configured}, which does not exist; report.pdf and the PNG images cannot be rendered.`
        : `No Chromium found (looked in ${CANDIDATES.join(', ')}); install Chromium or set CHROMIUM_PATH. report.pdf and the PNG images need it.`,
    );
  }
  const { chromium } = await import('playwright-core');
  const args = ['--disable-gpu', '--disable-background-networking', '--font-render-hinting=none'];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  const browser = await chromium.launch({ executablePath, args, headless: true });
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true, deviceScaleFactor: 1 });
  return {
    async pdf(html) {
      const page = await context.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' },
        });
        return normalisePdf(new Uint8Array(pdf));
      } finally {
        await page.close();
      }
    },
    async png(svg, width, height) {
      const page = await context.newPage();
      try {
        await page.setViewportSize({ width: Math.ceil(width), height: Math.ceil(height) });
        await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`, {
          waitUntil: 'load',
        });
        return new Uint8Array(
          await page.screenshot({
            type: 'png',
            clip: { x: 0, y: 0, width: Math.ceil(width), height: Math.ceil(height) },
          }),
        );
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * Chromium stamps /CreationDate, /ModDate and a random trailer /ID into each PDF. They are
 * overwritten in place with values of the same length (so every xref offset stays valid): the
 * dates with a fixed date, the /ID with a hash of the rest of the file. The result depends only
 * on the content.
 */
export function normalisePdf(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  let fixed = text.replace(/\/(CreationDate|ModDate) ?\(D:([^)]*)\)/g, (match: string, _key: string, date: string) =>
    match.replace(`D:${date}`, `D:${fixedDate(date)}`),
  );
  const idPattern = /\/ID ?\[ ?<([0-9A-Fa-f]+)> ?<([0-9A-Fa-f]+)> ?\]/g;
  const blanked = fixed.replace(idPattern, (m: string, a: string, b: string) =>
    m.replace(a, '0'.repeat(a.length)).replace(b, '0'.repeat(b.length)),
  );
  const digest = hashHex(blanked);
  fixed = fixed.replace(idPattern, (m: string, a: string, b: string) =>
    m.replace(a, digest.repeat(4).slice(0, a.length)).replace(b, digest.repeat(4).slice(0, b.length)),
  );
  return new Uint8Array(Buffer.from(fixed, 'latin1'));
}

/** 1980-01-01 00:00:00 in the same shape as `date` (zone digits zeroed, separators kept). */
function fixedDate(date: string): string {
  const head = '19800101000000'.slice(0, Math.min(14, date.length));
  return head + date.slice(head.length).replace(/[0-9]/g, '0');
}

function hashHex(text: string): string {
  return createHash('sha256').update(text, 'latin1').digest('hex').toUpperCase();
}
