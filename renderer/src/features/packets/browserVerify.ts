/**
 * Verifies a dropped packet in the renderer: the same shared BagIt checks the CLI runs, with
 * WebCrypto for SHA-256 and fflate (inside verifyPacketZip) for the ZIP. Nothing leaves the page.
 */
import { verifyPacketZip, type VerifyReport } from '../../../../shared/packets/verify';

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function verifyDroppedFile(file: File): Promise<VerifyReport> {
  return verifyPacketZip(new Uint8Array(await file.arrayBuffer()), sha256Hex);
}

/** Saves bytes (base64 from packets.read) as a file download. */
export function downloadBase64(fileName: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
