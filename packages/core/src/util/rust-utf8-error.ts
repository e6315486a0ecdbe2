/** `String::from_utf8`'s error Display for invalid input, or null for valid UTF-8. */
export function rustUtf8Error(bytes: ArrayLike<number>): string | null {
  for (let index = 0; index < bytes.length; ) {
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
    if (width === 0) return `invalid utf-8 sequence of 1 bytes from index ${index}`;
    let valid = 1;
    while (valid < width && index + valid < bytes.length && ((bytes[index + valid] as number) & 0xc0) === 0x80) valid++;
    if (valid === width) {
      index += width;
      continue;
    }
    if (index + valid >= bytes.length) return `incomplete utf-8 byte sequence from index ${index}`;
    return `invalid utf-8 sequence of ${valid} bytes from index ${index}`;
  }
  return null;
}
