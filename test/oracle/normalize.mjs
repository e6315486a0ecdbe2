// Path placeholders, warning filtering/dedup and volatile-value removal for observations.
import { isNoiseWarning } from "./run.mjs";

// Returns a deep-mapping function that replaces the scratch paths with <WORK>, <CODEX_HOME>, <PROJECT>.
export function pathNormalizer(scratch) {
  const reps = [
    [scratch.home, "<CODEX_HOME>"],
    [scratch.project, "<PROJECT>"],
    [scratch.work, "<WORK>"],
  ];
  const fix = (str) => {
    let out = str;
    for (const [from, to] of reps) out = out.split(from).join(to);
    return out.replace(/http:\/\/127\.0\.0\.1:\d+\/v1/g, "<MOCK_URL>");
  };
  const walk = (v) => {
    if (typeof v === "string") return fix(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [fix(k), walk(x)]));
    return v;
  };
  return walk;
}

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const VOLATILE_KEYS = new Set(["threadId", "sessionId", "createdAt", "updatedAt", "recencyAt", "version"]);

// Drops per-run identifiers, clocks and layer hashes (for the raw section).
export function dropVolatile(v) {
  if (typeof v === "string") return v.replace(UUID_RE, "<UUID>");
  if (Array.isArray(v)) return v.map(dropVolatile);
  if (v && typeof v === "object") {
    const o = {};
    for (const [k, x] of Object.entries(v)) if (!VOLATILE_KEYS.has(k)) o[k] = dropVolatile(x);
    return o;
  }
  return v;
}

// Deduplicated (first-seen order) configuration warnings without environment noise.
export function cleanWarnings(list) {
  const out = [];
  for (const w of list) {
    const text = w.replace(/^warning: /, "");
    if (!text || isNoiseWarning(text) || out.includes(text)) continue;
    out.push(text);
  }
  return out;
}
