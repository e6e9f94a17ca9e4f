/**
 * Fuzzy matching for the command palette: every query character must appear in order; matches
 * at word starts and in runs score higher, so "gs" finds "Go to Sources" before "Graph settings".
 * Returns null when the text does not match.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let ti = 0;
  let run = 0;
  for (const ch of q) {
    if (ch === ' ') continue;
    const found = t.indexOf(ch, ti);
    if (found === -1) return null;
    const atWordStart = found === 0 || /[\s\-_/:.]/.test(t.charAt(found - 1));
    run = found === ti ? run + 1 : 0;
    score += 1 + (atWordStart ? 4 : 0) + run * 2 - Math.min(found - ti, 5) * 0.2;
    ti = found + 1;
  }
  // Prefer shorter texts among equal matches, and a substring hit above a scattered one.
  if (t.includes(q)) score += 6;
  return score - t.length * 0.01;
}
