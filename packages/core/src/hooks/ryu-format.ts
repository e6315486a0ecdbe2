/**
 * Formats a finite f64 the way Codex 0.169.0's serde_json (`arbitrary_precision`) stores a float
 * it is given: `ryu`'s layout (shortest round-trip digits, `1.0` for integral values, scientific
 * outside 1e-5..1e16) with the exponent always signed, `1e+16` / `1.5e-7` (probed with TOML
 * floats in an MCP hook `input`).
 */
export function formatRyuF64(value: number): string {
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  if (value === 0) return `${sign}0.0`;
  const [mantissa = "0", exponentText = "0"] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const length = digits.length;
  // ryu's `kk`: where the decimal point falls relative to the digit string.
  const kk = Number(exponentText) + 1;
  if (length <= kk && kk <= 16) return `${sign}${digits}${"0".repeat(kk - length)}.0`;
  if (kk > 0 && kk <= 16) return `${sign}${digits.slice(0, kk)}.${digits.slice(kk)}`;
  if (kk > -5 && kk <= 0) return `${sign}0.${"0".repeat(-kk)}${digits}`;
  const exponent = kk - 1 < 0 ? `${kk - 1}` : `+${kk - 1}`;
  return length === 1 ? `${sign}${digits}e${exponent}` : `${sign}${digits[0]}.${digits.slice(1)}e${exponent}`;
}
