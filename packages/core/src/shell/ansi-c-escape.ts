/** Decoding of one ANSI-C escape inside bash's `$'…'` quotes (`\n`, `\x72`, `\0162`, `\u00e9`, `\cA`, …). */

const SIMPLE_ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
};

/** Decodes the escape whose backslash is at `k - 1`: its text and the index after it. */
export function decodeAnsiCEscape(src: string, k: number, limit: number): { text: string; next: number } {
  const c = src[k];
  if (c === undefined || k >= limit) return { text: "\\", next: k };
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { text: simple, next: k + 1 };
  if (c === "c" && k + 1 < limit) return { text: String.fromCharCode(src.charCodeAt(k + 1) & 0x1f), next: k + 2 };
  const octal = c >= "0" && c <= "7";
  const radix = octal ? 8 : c === "x" || c === "u" || c === "U" ? 16 : 0;
  const max = octal ? 3 : c === "x" ? 2 : c === "u" ? 4 : 8;
  const from = octal ? k : k + 1;
  const digits = octal ? /[0-7]/ : /[0-9A-Fa-f]/;
  let end = from;
  while (radix !== 0 && end < limit && end - from < max && digits.test(src[end] as string)) end++;
  if (end === from) return { text: `\\${c}`, next: k + 1 };
  const code = Number.parseInt(src.slice(from, end), radix);
  return { text: octal ? String.fromCharCode(code & 0xff) : String.fromCodePoint(Math.min(code, 0x10ffff)), next: end };
}
