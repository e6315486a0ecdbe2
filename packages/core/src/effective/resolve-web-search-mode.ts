import { debugList, fallbackWarning, invalidValueMessage } from "../constraints/constraint-error.ts";
import {
  debugWebSearchMode,
  initialWebSearchMode,
  WEB_SEARCH_MODES,
  type WebSearchMode,
} from "../constraints/web-search-mode.ts";

/** The `allowed_web_search_modes` constraint (always including `disabled`) and who set it. */
export interface WebSearchConstraint {
  allowed: ReadonlySet<WebSearchMode>;
  source: string;
}

/**
 * The configured web search mode (spec §4.2): `web_search`, else the legacy feature toggles
 * (`web_search_request` ⇒ live, `web_search_cached` ⇒ cached), else `cached`.
 */
export function configuredWebSearchMode(
  webSearch: WebSearchMode | undefined,
  legacyFeatures: { webSearchRequest?: boolean; webSearchCached?: boolean },
): WebSearchMode {
  if (webSearch !== undefined) return webSearch;
  if (legacyFeatures.webSearchRequest) return "live";
  if (legacyFeatures.webSearchCached) return "cached";
  return "cached";
}

/**
 * The effective web search mode after requirements (spec §4.2: always treated as configured, so a
 * disallowed default warns too); the fallback is cached › indexed › live › disabled.
 */
export function resolveWebSearchMode(
  configured: WebSearchMode,
  constraint: WebSearchConstraint | null,
): { value: WebSearchMode; warning: string | null } {
  if (constraint === null || constraint.allowed.has(configured)) return { value: configured, warning: null };
  const fallback = initialWebSearchMode(constraint.allowed);
  const allowed = WEB_SEARCH_MODES.filter((mode) => constraint.allowed.has(mode)).map(debugWebSearchMode);
  const details = invalidValueMessage(
    "web_search_mode",
    debugWebSearchMode(configured),
    debugList(allowed),
    constraint.source,
  );
  return { value: fallback, warning: fallbackWarning("web_search_mode", debugWebSearchMode(fallback), details) };
}
