const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Decodes an MDM `config_toml_base64` value like Codex (`BASE64_STANDARD` then
 * `String::from_utf8`), with the Rust error texts: `Invalid symbol {byte}, offset {index}.`,
 * `Invalid padding`, `Invalid input length: {n}`, and `invalid utf-8 sequence of {n} bytes from
 * index {i}` / `incomplete utf-8 byte sequence from index {i}`. Not probed (no macOS here).
 */
export function decodeMdmBase64(encoded: string): { text: string } | { error: string } {
  const firstPad = encoded.indexOf("=");
  const body = firstPad < 0 ? encoded : encoded.slice(0, firstPad);
  for (let index = 0; index < encoded.length; index++) {
    const char = encoded[index] as string;
    if (char === "=" && index >= body.length) continue;
    if (!ALPHABET.includes(char)) return { error: `Invalid symbol ${char.charCodeAt(0)}, offset ${index}.` };
  }
  if (body.length % 4 === 1) return { error: `Invalid input length: ${body.length}` };
  const padding = encoded.length - body.length;
  if (
    /[^=]/.test(encoded.slice(body.length)) ||
    (padding > 0 && encoded.length % 4 !== 0) ||
    (padding === 0 && body.length % 4 !== 0)
  ) {
    return { error: "Invalid padding" };
  }
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of body) {
    buffer = (buffer << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return decodeUtf8(Uint8Array.from(bytes));
}

function decodeUtf8(bytes: Uint8Array): { text: string } | { error: string } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    for (let index = 0; index < bytes.length; ) {
      const width = sequenceWidth(bytes, index);
      if (width > 0) {
        index += width;
        continue;
      }
      if (-width + index >= bytes.length) return { error: `incomplete utf-8 byte sequence from index ${index}` };
      return { error: `invalid utf-8 sequence of ${Math.max(1, -width)} bytes from index ${index}` };
    }
    return { error: "invalid utf-8" };
  }
}

// Length of a valid sequence at `index`, or minus the number of bytes that form a valid prefix.
function sequenceWidth(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] as number;
  const width =
    lead < 0x80
      ? 1
      : lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
  if (width === 0) return -1;
  for (let offset = 1; offset < width; offset++) {
    const next = bytes[index + offset];
    if (next === undefined) return -offset;
    if ((next & 0xc0) !== 0x80) return -offset;
  }
  return width;
}
