import { fileError } from "../config/config-load-error.ts";
import { joinPath, type PathFlavor, parentPath } from "../config/config-path.ts";
import { decodeMdmBase64 } from "../config/decode-mdm-base64.ts";
import { parseConfigText, readConfigFile } from "../config/read-config-file.ts";
import {
  deserializeLegacyManagedConfig,
  formatLegacyManagedConfigError,
  legacyManagedConfigToRequirements,
  legacyRequirementsToToml,
} from "../requirements/legacy-managed-config-schema.ts";
import type { RequirementLayer } from "../requirements/requirement-layer.ts";
import { displayRequirementSource, type RequirementSource } from "../requirements/requirement-source.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import type { ExplainInputs, ExplainPorts } from "./explain-inputs.ts";
import type { ErrorLocation } from "./explain-report.ts";

/** A fatal error while collecting layers: Codex's message and where it points. */
export interface CollectError {
  message: string;
  location: ErrorLocation | null;
}

/**
 * Reads the requirement layers Codex 0.169.0 reads, lowest precedence first (requirements-spec
 * §2.1): system `requirements.toml`, cloud fragments, legacy `managed_config.toml`, legacy MDM
 * `config_toml_base64`, MDM `requirements_toml_base64`.
 */
export async function collectRequirementLayers(
  ports: ExplainPorts,
  inputs: ExplainInputs,
  flavor: PathFlavor,
): Promise<{ layers: RequirementLayer[] } | { error: CollectError }> {
  const layers: RequirementLayer[] = [];
  const requirementsDisplay = joinPath(flavor, inputs.etcDisplayDir, "requirements.toml");
  const system = await readConfigFile(
    ports.fs,
    joinPath(flavor, inputs.etcDir, "requirements.toml"),
    requirementsDisplay,
    ports.rustTomlSyntaxError,
  );
  const systemSource: RequirementSource = { kind: "system", path: requirementsDisplay };
  if (system.kind === "read-error") {
    return fail(`Failed to read requirements file ${requirementsDisplay}: ${system.message}`, requirementsDisplay);
  }
  if (system.kind === "syntax-error") {
    return fail(
      `failed to parse requirements layer ${requirementsDisplay}: ${system.error.display}`,
      requirementsDisplay,
      system.error.line,
      system.error.column,
    );
  }
  if (system.kind === "ok") {
    layers.push({
      source: systemSource,
      table: system.document.value,
      document: system.document,
      baseDir: inputs.etcDisplayDir,
    });
  }

  for (const fragment of [...inputs.cloudRequirements].reverse()) {
    const source: RequirementSource = { kind: "cloud", id: fragment.id, name: fragment.name };
    const parsed = await parseConfigText(fragment.contents, ports.rustTomlSyntaxError);
    if (parsed.kind === "syntax-error") {
      return fail(
        `failed to parse requirements layer ${displayRequirementSource(source)}: ${parsed.error.display}`,
        null,
      );
    }
    if (parsed.kind === "ok")
      layers.push({ source, table: parsed.document.value, document: parsed.document, baseDir: inputs.codexHome });
  }

  const managedDisplay = joinPath(flavor, inputs.etcDisplayDir, "managed_config.toml");
  const managed = await readConfigFile(
    ports.fs,
    joinPath(flavor, inputs.etcDir, "managed_config.toml"),
    managedDisplay,
    ports.rustTomlSyntaxError,
  );
  if (managed.kind === "read-error") return fail(managed.message, managedDisplay);
  if (managed.kind === "syntax-error") {
    const error = fileError(managedDisplay, managed.error, managed.error.message, undefined, managed.error.display);
    return fail(error.message, managedDisplay, managed.error.line, managed.error.column);
  }
  if (managed.kind === "ok") {
    const legacy = legacyLayer(
      managed.document.value,
      { kind: "legacyManagedConfigFile", path: managedDisplay },
      inputs,
    );
    if ("error" in legacy) return fail(legacy.error, managedDisplay);
    if (legacy.layer) layers.push(legacy.layer);
  }

  if (inputs.mdm) {
    const mdmConfig = await decodeMdmLayer(inputs.mdm.configTomlBase64, ports);
    if ("error" in mdmConfig) return fail(mdmConfig.error, null);
    if (mdmConfig.table) {
      const legacy = legacyLayer(mdmConfig.table, { kind: "legacyManagedConfigMdm" }, inputs);
      if ("error" in legacy) return fail(legacy.error, null);
      if (legacy.layer) layers.push(legacy.layer);
    }
    const mdmRequirements = await decodeMdmLayer(inputs.mdm.requirementsTomlBase64, ports);
    if ("error" in mdmRequirements) return fail(mdmRequirements.error, null);
    if (mdmRequirements.table) {
      layers.push({ source: { kind: "mdm" }, table: mdmRequirements.table, document: null, baseDir: inputs.codexHome });
    }
  }
  return { layers };
}

function fail(message: string, file: string | null, line: number | null = null, column: number | null = null) {
  return { error: { message, location: file === null ? null : { file, line, column, keyPath: null } } };
}

/** A legacy managed config reinterpreted as requirements (spec §2.6); null when it sets none of the three keys. */
function legacyLayer(
  table: TomlTable,
  source: RequirementSource,
  inputs: ExplainInputs,
): { layer: RequirementLayer | null } | { error: string } {
  const parsed = deserializeLegacyManagedConfig(table);
  if ("error" in parsed) return { error: formatLegacyManagedConfigError(parsed.error) };
  const requirements = legacyRequirementsToToml(legacyManagedConfigToRequirements(parsed.value));
  if (Object.keys(requirements).length === 0) return { layer: null };
  const baseDir =
    source.kind === "legacyManagedConfigFile"
      ? (parentPath("posix", source.path) ?? inputs.etcDisplayDir)
      : inputs.codexHome;
  return { layer: { source, table: requirements, document: null, baseDir } };
}

async function decodeMdmLayer(
  value: string | null,
  ports: ExplainPorts,
): Promise<{ table: TomlTable | null } | { error: string }> {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return { table: null };
  const decoded = decodeMdmBase64(trimmed);
  if ("error" in decoded) return decoded;
  const parsed = await parseConfigText(decoded.text, ports.rustTomlSyntaxError);
  if (parsed.kind === "syntax-error") return { error: parsed.error.display };
  return { table: parsed.kind === "ok" ? parsed.document.value : null };
}
