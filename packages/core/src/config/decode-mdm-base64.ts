import { rustUtf8Error } from "../util/rust-utf8-error.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Decodes an MDM `config_toml_base64` value like Codex (`BASE64_STANDARD` then
 * `String::from_utf8`), with the Rust error texts: `Invalid symbol {byte}, offset {index}.`,
 * `Invalid padding`, `Invalid input length: {n}`, and `invalid utf-8 sequence of {n} bytes from
 * index {i}` / `incomplete utf-8 byte sequence from index {i}`. Not probed (no macOS here).
 */
export function decodeMdmBase64(encoded: string): { text: string } | { error: string } {
  let firstPad = -1;
  for (let index = 0; index < encoded.length; index++) {
    const char = encoded[index] as string;
    if (char === "=") {
      // base64 0.22 `decode_suffix`: padding in the first two places of a quantum is an invalid byte.
      if (index % 4 < 2) return { error: `Invalid symbol 61, offset ${index}.` };
      if (firstPad < 0) firstPad = index;
      continue;
    }
    if (firstPad >= 0) return { error: `Invalid symbol 61, offset ${firstPad}.` };
    if (!ALPHABET.includes(char)) return { error: `Invalid symbol ${char.charCodeAt(0)}, offset ${index}.` };
  }
  const body = firstPad < 0 ? encoded : encoded.slice(0, firstPad);
  if (body.length % 4 === 1) return { error: `Invalid input length: ${body.length}` };
  if (firstPad >= 0 ? encoded.length % 4 !== 0 : body.length % 4 !== 0) return { error: "Invalid padding" };
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of body) {
    buffer = ((buffer << 6) | ALPHABET.indexOf(char)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  const invalid = rustUtf8Error(bytes);
  return invalid === null ? { text: new TextDecoder().decode(Uint8Array.from(bytes)) } : { error: invalid };
}
