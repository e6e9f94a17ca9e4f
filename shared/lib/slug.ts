/**
 * A file- and id-safe slug: lower-case letters and digits joined by single hyphens, at most
 * `max` characters, `fallback` when nothing is left (`"Payout ring #3"` -> `payout-ring-3`).
 */
export function slug(text: string, max: number, fallback: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max)
      .replace(/-+$/, '') || fallback
  );
}
