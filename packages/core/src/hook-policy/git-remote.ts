import type { PolicyRegexV1 } from "./compiled-hook-policy.ts";
import { anyOfSources, escapeRegex } from "./policy-regex.ts";

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i;
const SCP = /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)(.*)$/;

/**
 * Normalizes a git remote URL to `host/path`, lower case, without user, password, port, scheme or
 * `.git`: `https://github.com/Acme/Infra.git`, `ssh://git@github.com:22/acme/infra` and the scp
 * form `git@github.com:acme/infra.git` all become `github.com/acme/infra`. Local remotes
 * (`/srv/git/x.git`, `file:///srv/git/x`) become their path (`/srv/git/x`). Null for an empty URL.
 */
export function normalizeGitRemote(url: string): string | null {
  const text = url.trim();
  if (text === "") return null;
  const scheme = SCHEME.exec(text);
  if (scheme) {
    const rest = scheme[2]!;
    if (scheme[1]!.toLowerCase() === "file") return cleanPath(`/${rest.replace(/^\/+/, "")}`);
    const slash = rest.indexOf("/");
    const authority = slash < 0 ? rest : rest.slice(0, slash);
    const host = authority.slice(authority.lastIndexOf("@") + 1).replace(/:\d*$/, "");
    return joinHostPath(host, slash < 0 ? "" : rest.slice(slash));
  }
  if (text.startsWith("/") || text.startsWith(".")) return cleanPath(text);
  const scp = SCP.exec(text);
  if (scp) return joinHostPath(scp[1]!, scp[2]!);
  return cleanPath(text);
}

function joinHostPath(host: string, path: string): string {
  const cleaned = cleanPath(path).replace(/^\/+/, "");
  const lowerHost = host.toLowerCase().replace(/^\[|\]$/g, "");
  return cleaned === "" ? lowerHost : `${lowerHost}/${cleaned}`;
}

function cleanPath(path: string): string {
  return path
    .toLowerCase()
    .replace(/\/{2,}/g, "/")
    .replace(/\/+$/, "")
    .replace(/\.git$/, "")
    .replace(/\/+$/, "");
}

/** Remote patterns compiled to one regex, or the first bad one. */
export type RemotePatternCompile = { ok: true; regex: PolicyRegexV1 } | { ok: false; index: number; message: string };

/**
 * Compiles remote patterns over normalized remotes. A pattern may be written as any remote URL
 * form (it is normalized the same way) or as `host/path`; `*` and `?` stay within a path segment,
 * `**` crosses segments, and a pattern also matches everything beneath it (`gitlab.com/acme`
 * matches `gitlab.com/acme/infra/api`).
 */
export function compileRemotePatterns(patterns: readonly string[]): RemotePatternCompile {
  const sources: string[] = [];
  for (const [index, pattern] of patterns.entries()) {
    if (pattern.trim() === "") return { ok: false, index, message: "empty remote pattern" };
    if (/\s/.test(pattern.trim())) return { ok: false, index, message: "a remote pattern cannot contain whitespace" };
    const normalized = normalizeGitRemote(pattern);
    if (normalized === null || normalized === "") return { ok: false, index, message: "empty remote pattern" };
    sources.push(`${remoteGlob(normalized)}(?:/.*)?`);
  }
  return { ok: true, regex: { source: anyOfSources(sources), flags: "" } };
}

function remoteGlob(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "*" && text[i + 1] === "*") {
      out += ".*";
      i++;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += escapeRegex(c);
  }
  return out;
}
