/**
 * Resolution of `\p{…}` / `\pL` names the way regex-syntax's `ClassQuery::canonicalize` does it,
 * reduced to the verdict: found, `Unicode property not found` or `… value not found`.
 * General categories are exact (UAX #44 loose matching); scripts and binary properties are
 * checked through the JavaScript engine's own Unicode tables, which is an approximation.
 */

const GENERAL_CATEGORIES = new Set(
  (
    "c other cc control cntrl cf format cn unassigned co privateuse cs surrogate l letter lc casedletter l& " +
    "ll lowercaseletter lm modifierletter lo otherletter lt titlecaseletter lu uppercaseletter m mark combiningmark " +
    "mc spacingmark me enclosingmark mn nonspacingmark n number nd decimalnumber digit nl letternumber no othernumber " +
    "p punctuation punct pc connectorpunctuation pd dashpunctuation pe closepunctuation pf finalpunctuation " +
    "pi initialpunctuation po otherpunctuation ps openpunctuation s symbol sc currencysymbol sk modifiersymbol " +
    "sm mathsymbol so othersymbol z separator zl lineseparator zp paragraphseparator zs spaceseparator"
  ).split(" "),
);
const SPECIAL = new Set(["any", "ascii", "assigned"]);
const GC_PROPERTY = new Set(["gc", "generalcategory"]);
const SCRIPT_PROPERTY = new Set(["sc", "script", "scx", "scriptextensions"]);

/** UAX44-LM3 loose matching as regex-syntax implements it (`symbolic_name_normalize`). */
export function normalizeUnicodeName(name: string): string {
  const startsWithIs = name.length >= 2 && name.slice(0, 2).toLowerCase() === "is";
  let out = "";
  for (const ch of startsWithIs ? name.slice(2) : name) {
    if (ch === " " || ch === "_" || ch === "-") continue;
    if (ch.charCodeAt(0) <= 0x7f) out += ch.toLowerCase();
  }
  return startsWithIs && out === "c" ? "isc" : out;
}

function jsAccepts(body: string): boolean {
  try {
    new RegExp(`\\p{${body}}`, "u");
    return true;
  } catch {
    return false;
  }
}

function variants(raw: string): string[] {
  const trimmed = raw.trim();
  const titled = trimmed.replace(/(^|[_\s-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
  return [trimmed, titled, titled.replace(/[\s-]/g, "_")];
}

/** The error message for a Unicode class name, or null when Codex's regex accepts it. */
export function checkUnicodeClass(name: string, braced: boolean): string | null {
  if (!braced) return GENERAL_CATEGORIES.has(normalizeUnicodeName(name)) ? null : "Unicode property not found";
  const separator = name.includes("!=") ? "!=" : name.includes(":") ? ":" : name.includes("=") ? "=" : null;
  if (separator === null) {
    const norm = normalizeUnicodeName(name);
    if (GENERAL_CATEGORIES.has(norm) || SPECIAL.has(norm)) return null;
    const found = variants(name).some((v) => jsAccepts(v) || jsAccepts(`Script=${v}`));
    return found ? null : "Unicode property not found";
  }
  const index = name.indexOf(separator);
  const property = normalizeUnicodeName(name.slice(0, index));
  const value = name.slice(index + separator.length);
  if (GC_PROPERTY.has(property)) {
    return GENERAL_CATEGORIES.has(normalizeUnicodeName(value)) ? null : "Unicode property value not found";
  }
  if (SCRIPT_PROPERTY.has(property)) {
    const js = property.startsWith("scx") || property.startsWith("scriptext") ? "Script_Extensions" : "Script";
    return variants(value).some((v) => jsAccepts(`${js}=${v}`)) ? null : "Unicode property value not found";
  }
  return jsAccepts(name.slice(0, index)) ? null : "Unicode property not found";
}
