/**
 * Shannon entropy of `text` in bits per character (UTF-16 code units): `-Σ p·log2 p` over the
 * frequency of each distinct unit. A random base62 string of 32 characters scores about 4.6,
 * hex about 3.8, English words 2.5–3.3.
 */
export function shannonEntropy(text: string): number {
  const length = text.length;
  if (length === 0) return 0;
  const counts = new Map<number, number>();
  for (let index = 0; index < length; index++) {
    const unit = text.charCodeAt(index);
    counts.set(unit, (counts.get(unit) ?? 0) + 1);
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
