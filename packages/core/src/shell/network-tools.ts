/**
 * Destinations of network clients whose operands name hosts without a URL: curl/wget/httpie,
 * ssh/scp/sftp/rsync, nc/telnet, ping/traceroute, dig/nslookup/host, database clients, git remotes
 * and container registries.
 */
import { hostOfLocation, hostOfRemote, normalizeHost, type OptionSyntax, splitArguments } from "./host-syntax.ts";

/** How one client names its destinations. */
interface ToolSpec extends OptionSyntax {
  /** Options whose value is a destination (`-x proxy`, `-J jump`, `-h host`). */
  readonly hostOptions?: readonly string[];
  /** Which operands are destinations. */
  readonly operands: "all" | "first" | "remotes" | "none" | "dns" | "httpie" | "listen";
}

const CURL_LONG = (
  "--output --data --data-raw --data-binary --data-urlencode --json --header --request --user --user-agent --cookie " +
  "--cookie-jar --form --upload-file --max-time --connect-timeout --retry --retry-delay --retry-max-time --write-out " +
  "--referer --cert --key --cacert --capath --config --range --proxy --preproxy --proxy-user --resolve --connect-to " +
  "--dump-header --limit-rate --max-filesize --interface --dns-servers --oauth2-bearer --trace --trace-ascii --stderr " +
  "--output-dir --url --unix-socket --socks4 --socks4a --socks5 --socks5-hostname --noproxy --max-redirs --continue-at"
).split(" ");
const WGET_LONG = ["--output-document", "--output-file", "--directory-prefix", "--user-agent", "--header", "--tries"];
const HTTPIE = { value: "aAopsv", longValue: ["--auth", "--output", "--session", "--proxy", "--timeout", "--print"] };
const SSH = "BbcDEeFIiJLlmOopQRSWw";

const TOOLS: Record<string, ToolSpec> = {
  curl: {
    value: "AbcCdDeEFHKmoOPQrTtuUwXxYyz",
    longValue: CURL_LONG,
    hostOptions: ["-x", "--proxy", "--preproxy", "--url", "--socks4", "--socks4a", "--socks5", "--socks5-hostname"],
    operands: "all",
  },
  wget: { value: "OoaPUeitTwQlARDIXB", longValue: WGET_LONG, operands: "all" },
  http: { ...HTTPIE, operands: "httpie" },
  https: { ...HTTPIE, operands: "httpie" },
  xh: { ...HTTPIE, operands: "httpie" },
  xhs: { ...HTTPIE, operands: "httpie" },
  ssh: { value: SSH, hostOptions: ["-J"], operands: "first" },
  scp: { value: "cFiJloPSDX", hostOptions: ["-J"], operands: "remotes" },
  sftp: { value: "BbcDFiJloPRSsX", hostOptions: ["-J"], operands: "first" },
  rsync: { value: "eBfMT", operands: "remotes" },
  nc: { value: "IiMmOPpqsTVwXxec", hostOptions: ["-x", "--proxy"], operands: "listen" },
  ncat: { value: "IiMmOPpqsTVwXxec", hostOptions: ["-x", "--proxy"], operands: "listen" },
  netcat: { value: "IiMmOPpqsTVwXxec", hostOptions: ["-x", "--proxy"], operands: "listen" },
  telnet: { value: "beklnX", operands: "first" },
  ftp: { value: "Pso", operands: "first" },
  ping: { value: "ciIstWwlpQMmST", operands: "first" },
  ping6: { value: "ciIstWwlpQMmST", operands: "first" },
  traceroute: { value: "fmpqwsigNtzA", operands: "first" },
  tracepath: { value: "lmp", operands: "first" },
  mtr: { value: "cisaBPQfmG", operands: "first" },
  dig: { value: "bcfkmpqtxy", hostOptions: ["-q", "-x"], operands: "dns" },
  nslookup: { operands: "dns" },
  host: { value: "tcNRWm", operands: "dns" },
  mysql: { value: "hPupDe", longValue: ["--host"], hostOptions: ["-h", "--host"], operands: "none" },
  psql: { value: "hpUdcf", longValue: ["--host"], hostOptions: ["-h", "--host"], operands: "none" },
  "redis-cli": { value: "hpau", hostOptions: ["-h"], operands: "none" },
  mongosh: { longValue: ["--host"], hostOptions: ["--host"], operands: "none" },
};

const DNS_WORDS = new Set(
  "A AAAA MX NS TXT CNAME SOA PTR SRV ANY CAA DS DNSKEY AXFR IXFR HTTPS SVCB TLSA IN CH HS".split(" "),
);

/** Destinations of `program` run with `args` (argv without the program), added to `into`. */
export function toolHosts(program: string, args: readonly string[], into: Set<string>): void {
  const add = (host: string | null) => {
    if (host !== null) into.add(host);
  };
  if (program === "git") {
    gitHosts(args, add);
    return;
  }
  if (program === "docker" || program === "podman" || program === "nerdctl") {
    registryHost(args, add);
    return;
  }
  const spec = TOOLS[program];
  if (spec === undefined) return;
  const { operands, options } = splitArguments(args, spec);
  for (const [option, value] of options) {
    if (!spec.hostOptions?.includes(option)) continue;
    for (const part of value.split(",")) add(hostOfLocation(part));
  }
  switch (spec.operands) {
    case "all":
      for (const operand of operands) add(hostOfLocation(operand));
      return;
    case "listen":
      if (options.some(([o]) => o === "-l" || o === "--listen")) return;
      add(operands[0] === undefined ? null : hostOfLocation(operands[0]));
      return;
    case "first":
      add(operands[0] === undefined ? null : hostOfLocation(operands[0]));
      return;
    case "remotes":
      for (const operand of operands) add(hostOfRemote(operand));
      return;
    case "dns":
      for (const operand of operands) {
        if (operand.startsWith("@")) add(normalizeHost(operand.slice(1)));
        else if (!operand.startsWith("+") && !operand.startsWith("-") && !DNS_WORDS.has(operand.toUpperCase())) {
          add(normalizeHost(operand));
        }
      }
      return;
    case "httpie": {
      const url = operands[0] !== undefined && /^[A-Z]+$/.test(operands[0]) ? operands[1] : operands[0];
      if (url !== undefined) add(url.startsWith(":") ? "localhost" : hostOfLocation(url));
      return;
    }
  }
}

const GIT_GLOBAL_VALUE = new Set([
  "-C",
  "-c",
  "--git-dir",
  "--work-tree",
  "--namespace",
  "--exec-path",
  "--config-env",
]);
const GIT_SUBCOMMAND: OptionSyntax = {
  value: "objuctmXsS",
  longValue: [
    "--origin",
    "--branch",
    "--upload-pack",
    "--reference",
    "--depth",
    "--filter",
    "--jobs",
    "--receive-pack",
  ],
};

/** `git clone/fetch/pull/push/ls-remote URL`, `git remote add NAME URL`, `git submodule add URL`; named remotes are unknown. */
function gitHosts(args: readonly string[], add: (host: string | null) => void): void {
  let i = 0;
  while (i < args.length && (args[i] as string).startsWith("-")) i += GIT_GLOBAL_VALUE.has(args[i] as string) ? 2 : 1;
  const sub = args[i];
  const { operands, options } = splitArguments(args.slice(i + 1), GIT_SUBCOMMAND);
  for (const [option, value] of options) if (option === "--remote" || option === "--repo") add(hostOfRemote(value));
  let remotes: Array<string | undefined> = [];
  if (sub === "clone" || sub === "fetch" || sub === "pull" || sub === "push" || sub === "ls-remote") {
    remotes = [operands[0]];
  } else if (sub === "remote" && (operands[0] === "add" || operands[0] === "set-url")) {
    remotes = operands.slice(2);
  } else if (sub === "submodule" && operands[0] === "add") {
    remotes = [operands[1]];
  }
  for (const remote of remotes) if (remote !== undefined) add(hostOfRemote(remote));
}

/** `docker pull/push [registry/]image`; an image without a registry host comes from Docker Hub. */
function registryHost(args: readonly string[], add: (host: string | null) => void): void {
  const { operands } = splitArguments(args, {
    value: "H",
    longValue: ["--host", "--config", "--context", "--platform"],
  });
  const sub = operands[0];
  const image = operands[1];
  if (image === undefined || (sub !== "pull" && sub !== "push" && sub !== "login")) return;
  if (sub === "login") {
    add(hostOfLocation(image));
    return;
  }
  const name = image.split("@")[0] as string;
  const first = name.split("/")[0] as string;
  const explicit = name.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  add(explicit ? hostOfLocation(first) : "registry-1.docker.io");
}
