// Deterministic generators of FAKE secrets in each vendor's documented format. The corpus is built
// from these at test time instead of being stored as literals, so the repository holds no
// valid-format credential a push-protection scanner would block and none that could be real.

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** Alphabets the generators draw from. */
export const ALPHABET = {
  alnum: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
  hex: "0123456789abcdef",
  upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  base32: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
  base64: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  base64url: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
  letters: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  digits: "0123456789",
  lower: "abcdefghijklmnopqrstuvwxyz",
} as const;

/** CRC-32 (IEEE) of the ASCII string `text`. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `value` in base62 (0-9A-Za-z), left-padded with zeros to `width`. */
export function base62(value: number, width: number): string {
  let out = "";
  let rest = value;
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, "0");
}

/** A seeded source of fake secrets (mulberry32), so every test run sees the same corpus. */
export class FakeSecrets {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** `length` characters drawn from `alphabet`. */
  draw(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  alnum = (length: number): string => this.draw(ALPHABET.alnum, length);
  hex = (length: number): string => this.draw(ALPHABET.hex, length);
  b64 = (length: number): string => this.draw(ALPHABET.base64, length);
  b64url = (length: number): string => this.draw(ALPHABET.base64url, length);
  digits = (length: number): string => this.draw(ALPHABET.digits, length);

  /** A GitHub/npm style token: prefix, 30 random base62 characters, base62 CRC-32 of them (6). */
  checksummed(prefix: string): string {
    const body = this.alnum(30);
    return prefix + body + base62(crc32(body), 6);
  }

  /** A random version-4 UUID. */
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** A base64 PEM body of `lines` full lines starting with `lead` (e.g. `MIIEvQ` for PKCS#8). */
  pemBody(lead: string, lines: number, newline = "\n"): string {
    const text = lead + this.b64(lines * 64 - lead.length);
    const out: string[] = [];
    for (let i = 0; i < text.length; i += 64) out.push(text.slice(i, i + 64));
    return out.join(newline);
  }

  /** base64url without padding of an ASCII string. */
  static base64url(text: string): string {
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
}
