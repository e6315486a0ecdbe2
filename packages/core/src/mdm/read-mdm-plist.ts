/** The two `com.openai.codex` MDM preference keys Codex reads (requirements-spec §2.1). */
export interface MdmPreferences {
  requirementsTomlBase64: string | null;
  configTomlBase64: string | null;
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return XML_ENTITIES[entity]!;
  });
}

/**
 * Reads the Codex keys from an XML property list: either the preference domain itself (as
 * `defaults export com.openai.codex -` prints it) or a `.mobileconfig` profile whose payload
 * carries them. `<string>` values are taken as written; `<data>` values are base64 already.
 */
export function readMdmPlist(xml: string): { value: MdmPreferences } | { error: string } {
  if (!/<plist[\s>]/.test(xml)) return { error: "not an XML property list (no <plist> element)" };
  const found: Record<string, string> = {};
  const pair = /<key>\s*([^<]*?)\s*<\/key>\s*<(string|data)>([\s\S]*?)<\/\2>/g;
  for (const match of xml.matchAll(pair)) {
    const key = decodeXmlText(match[1]!);
    const raw = decodeXmlText(match[3]!);
    if (key === "requirements_toml_base64" || key === "config_toml_base64") {
      found[key] = match[2] === "data" ? raw.replace(/\s+/g, "") : raw;
    }
  }
  return {
    value: {
      requirementsTomlBase64: found.requirements_toml_base64 ?? null,
      configTomlBase64: found.config_toml_base64 ?? null,
    },
  };
}
