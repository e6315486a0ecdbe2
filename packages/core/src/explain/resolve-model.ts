import { isTable, type TomlTable } from "../toml/toml-value.ts";

/** The model Codex 0.169.0 starts a thread with when none is configured (observed with `thread/start`). */
export const DEFAULT_MODEL = "gpt-6.1-sol";

/** Providers built into Codex 0.169.0; any other id must be defined under `[model_providers]`. */
export const BUILTIN_MODEL_PROVIDERS: readonly string[] = ["openai", "ollama", "lmstudio"];

/**
 * The thread's model and provider: `model` (default {@link DEFAULT_MODEL}) and `model_provider`
 * (default `openai`), failing like Codex with ``Model provider `{id}` not found`` for an unknown id.
 */
export function resolveModel(config: TomlTable): { model: string | null; provider: string } | { error: string } {
  const provider = typeof config.model_provider === "string" ? config.model_provider : "openai";
  const defined = isTable(config.model_providers) && config.model_providers[provider] !== undefined;
  if (!defined && !BUILTIN_MODEL_PROVIDERS.includes(provider))
    return { error: `Model provider \`${provider}\` not found` };
  return { model: typeof config.model === "string" ? config.model : DEFAULT_MODEL, provider };
}
