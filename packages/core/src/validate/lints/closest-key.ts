/** Most edits a suggestion may be away from what was written (a third of the longer key, at least 2). */
function threshold(a: string, b: string): number {
  return Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
}

// `allowed-sandbox-modes` and `Allowed_Sandbox_Modes` are as close to the real key as it gets.
function normalize(key: string): string {
  return key.toLowerCase().replaceAll("-", "_");
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The known key closest to `key` by edit distance (ties: the first listed), or null when none is close. */
export function closestKey(key: string, known: Iterable<string>): string | null {
  const wanted = normalize(key);
  let best: { key: string; distance: number } | null = null;
  for (const candidate of known) {
    if (candidate === key) continue;
    const distance = editDistance(wanted, normalize(candidate));
    if (distance > threshold(wanted, candidate)) continue;
    if (best === null || distance < best.distance) best = { key: candidate, distance };
  }
  return best?.key ?? null;
}
