import type { Diagnostic, Severity } from "../diagnostics/diagnostic.ts";
import type { SourcePosition, TomlDocument } from "../toml/parse-toml.ts";
import type { KeyPath } from "../toml/toml-value.ts";

/** The file a finding is about: its display name and, when it parsed, the document for positions. */
export interface PolicySite {
  readonly file: string;
  readonly document: TomlDocument | null;
}

/** What a check reports; the site fills in the file and the position. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** The key or value the finding is about (table keys and array indexes); omitted for whole-file findings. */
  readonly path?: KeyPath;
  /** Point at the key (`key`) or at its value (`value`, the default). */
  readonly at?: "key" | "value";
  /** An explicit position, for findings about the text rather than a key (syntax). */
  readonly position?: SourcePosition;
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/** Renders a concrete path for people: `rules.prefix_rules[1].decision`, `permissions."my profile"`. */
export function formatKeyPath(path: KeyPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else {
      const key = BARE_KEY.test(segment) ? segment : JSON.stringify(segment);
      out += out === "" ? key : `.${key}`;
    }
  }
  return out;
}

/** Turns a finding into a diagnostic located in the site's document (line/column null when unknown). */
export function diagnosticAt(site: PolicySite, finding: Finding): Diagnostic {
  const path = finding.path ?? [];
  const position =
    finding.position ??
    (site.document && path.length > 0
      ? finding.at === "key"
        ? site.document.positionOf(path)
        : site.document.valuePositionOf(path)
      : undefined);
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    file: site.file,
    line: position?.line ?? (site.document ? 1 : null),
    column: position?.column ?? (site.document ? 1 : null),
    keyPath: path.length > 0 ? formatKeyPath(path) : null,
  };
}
