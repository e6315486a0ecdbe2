/**
 * Host names out of the ways commands write destinations: URLs (`https://user@host:8080/x`),
 * bare locations (`host/path`, `user@host`), scp-like remotes (`git@github.com:org/repo.git`).
 */

const URL_IN_TEXT = /([A-Za-z][A-Za-z0-9+.-]*):\/\/([^\s/?#"'<>\\]*)/g;
const URL_AT_START = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^\s/?#"'<>\\]*)/;
const NETWORK_SCHEMES = new Set(
  (
    "http https ftp ftps ws wss git ssh sftp scp rsync telnet svn hg tcp udp socks socks4 socks4a socks5 socks5h " +
    "ldap ldaps smb redis rediss mongodb postgres postgresql mysql amqp amqps mqtt imap imaps smtp smtps"
  ).split(" "),
);
const HOST = /^(?:[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?|[0-9a-f:.]+)$/;

function isNetworkScheme(scheme: string): boolean {
  return scheme
    .toLowerCase()
    .split("+")
    .some((part) => NETWORK_SCHEMES.has(part));
}

/**
 * Lowercased host name, or null when `host` is not one. A host written with an expansion (`$HOST`)
 * is kept as written, so that an allowlist fails closed on it.
 */
export function normalizeHost(host: string): string | null {
  if (host.includes("$")) return host;
  const h = host.toLowerCase().replace(/\.$/, "");
  return h !== "" && HOST.test(h) ? h : null;
}

/** Host of a URL authority (`user:pw@host:port`, `[::1]:80`). */
export function hostOfAuthority(authority: string): string | null {
  const a = authority.slice(authority.lastIndexOf("@") + 1);
  if (a.startsWith("[")) {
    const close = a.indexOf("]");
    return normalizeHost(close < 0 ? a.slice(1) : a.slice(1, close));
  }
  const colon = a.indexOf(":");
  return normalizeHost(colon < 0 ? a : a.slice(0, colon));
}

/** Hosts of every network URL inside `text` (an argument such as `--index-url=https://x/simple`). */
export function urlHosts(text: string, into: Set<string>): void {
  if (!text.includes("://")) return;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    if (!isNetworkScheme(m[1] as string)) continue;
    const host = hostOfAuthority(m[2] as string);
    if (host !== null) into.add(host);
  }
}

/** Host of a location a client is pointed at: a URL, or `[user@]host[:port][/path]` without a scheme. */
export function hostOfLocation(value: string): string | null {
  const m = URL_AT_START.exec(value);
  if (m) return isNetworkScheme(m[1] as string) ? hostOfAuthority(m[2] as string) : null;
  const end = value.search(/[/?#]/);
  return hostOfAuthority(end < 0 ? value : value.slice(0, end));
}

/** Host of an scp-like remote (`[user@]host:path`, `host::module`) or a URL; null for a local path or a name. */
export function hostOfRemote(value: string): string | null {
  if (value.includes("://")) return hostOfLocation(value);
  const colon = value.indexOf(":");
  if (colon <= 0) return null;
  const slash = value.indexOf("/");
  if (slash >= 0 && slash < colon) return null;
  const authority = value.slice(0, colon);
  // `C:\x` is a Windows drive, not a host.
  if (/^[A-Za-z]$/.test(authority)) return null;
  return hostOfAuthority(authority);
}

/** Which options take a value, to tell operands from option values. */
export interface OptionSyntax {
  /** Short options taking a value, attached or as the next word. */
  readonly value?: string;
  /** Long options taking the next word as value unless written `--opt=value`. */
  readonly longValue?: readonly string[];
}

/** A command's arguments split into operands and `[option, value]` pairs (flags without value are dropped). */
export function splitArguments(
  args: readonly string[],
  syntax: OptionSyntax,
): { operands: string[]; options: Array<[string, string]> } {
  const operands: string[] = [];
  const options: Array<[string, string]> = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.length < 2 || a[0] !== "-") {
      operands.push(a);
    } else if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq >= 0) options.push([a.slice(0, eq), a.slice(eq + 1)]);
      else if (syntax.longValue?.includes(a)) options.push([a, args[++i] ?? ""]);
      else options.push([a, ""]);
    } else {
      for (let k = 1; k < a.length; k++) {
        const ch = a[k] as string;
        if (syntax.value?.includes(ch)) {
          options.push([`-${ch}`, k + 1 < a.length ? a.slice(k + 1) : (args[++i] ?? "")]);
          break;
        }
        options.push([`-${ch}`, ""]);
      }
    }
  }
  return { operands, options };
}
