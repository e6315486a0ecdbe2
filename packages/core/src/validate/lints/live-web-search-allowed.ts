import type { Lint } from "./lint.ts";

/**
 * `live-web-search-allowed`: `allowed_web_search_modes` lists `live`. Live search fetches pages
 * from the open web during a session (cached search uses OpenAI's index only), and when `live`
 * is the only listed mode beside `disabled` Codex even falls back to it (requirements-spec §1.1,
 * §4.9; full-access sessions upgrade `cached` to `live` whenever `live` is allowed).
 */
export const liveWebSearchAllowed: Lint = ({ table }) => {
  const modes = table.allowed_web_search_modes;
  if (!Array.isArray(modes)) return [];
  const index = modes.indexOf("live");
  if (index < 0) return [];
  const only = !modes.some((mode) => mode === "cached" || mode === "indexed");
  return [
    {
      code: "live-web-search-allowed",
      severity: "warning",
      message: `\`live\` lets Codex fetch arbitrary web pages during a session${only ? " (and, with no `cached` or `indexed` mode listed, live search becomes the default)" : ", and full-access sessions upgrade cached search to live"}. Remove it unless agents need live web access; \`cached\` answers from OpenAI's search cache without external web access.`,
      path: ["allowed_web_search_modes", index],
    },
  ];
};
