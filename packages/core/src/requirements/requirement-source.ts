/**
 * Where a requirements layer came from, rendered the way Codex's `RequirementSource` displays
 * it in `(set by …)` texts (requirements-spec §2.1).
 */
export type RequirementSource =
  | { kind: "system"; path: string }
  | { kind: "cloud"; id: string; name: string }
  | { kind: "legacyManagedConfigFile"; path: string }
  | { kind: "legacyManagedConfigMdm" }
  | { kind: "mdm" }
  | { kind: "composite"; sources: RequirementSource[] }
  | { kind: "unspecified" };

/** Renders a requirement source exactly as Codex 0.169.0 does. */
export function displayRequirementSource(source: RequirementSource): string {
  switch (source.kind) {
    case "system":
    case "legacyManagedConfigFile":
      return source.path;
    case "cloud":
      return `enterprise-managed requirements ${source.name} (${source.id})`;
    case "legacyManagedConfigMdm":
      return "MDM managed_config.toml (legacy)";
    case "mdm":
      return "MDM com.openai.codex:requirements_toml_base64";
    case "composite":
      return `requirements layers: ${flatten(source).map(displayRequirementSource).join(", ")}`;
    case "unspecified":
      return "<unspecified>";
  }
}

/** A composite of sources, highest priority first, flattened and deduplicated; a single source stays itself. */
export function compositeSource(sources: RequirementSource[]): RequirementSource {
  const unique: RequirementSource[] = [];
  for (const source of sources.flatMap(flatten)) {
    if (!unique.some((seen) => displayRequirementSource(seen) === displayRequirementSource(source)))
      unique.push(source);
  }
  if (unique.length === 1) return unique[0]!;
  return { kind: "composite", sources: unique };
}

function flatten(source: RequirementSource): RequirementSource[] {
  return source.kind === "composite" ? source.sources.flatMap(flatten) : [source];
}
