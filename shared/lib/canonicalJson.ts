/**
 * Canonical JSON: object keys sorted (recursively), no whitespace, `undefined` dropped. Two
 * equal values always give the same text, so hashes over it (audit entries, evidence payloads,
 * packet manifests) are reproducible by anyone, in any language that sorts keys the same way.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortDeep(item)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as Record<string, unknown>).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) out[key] = sortDeep(child);
    }
    return out;
  }
  return value;
}
