/**
 * The registries package managers reach by default when they fetch (the table in README.md). An
 * explicit registry option or variable replaces the default: its URL is then reported by the
 * URL scan instead. System package managers (`apt-get`, `dnf`, …) use mirrors configured on the
 * machine and are not listed.
 */
import { normalizeHost, type OptionSyntax, splitArguments } from "./host-syntax.ts";

/** One package manager's fetching subcommands and default hosts. */
interface RegistrySpec extends OptionSyntax {
  /** Subcommands (first operands, space-joined) that fetch; "" is the bare command, "*" any. */
  readonly subcommands: readonly string[];
  readonly hosts: readonly string[];
  /** Options or variables that replace the default registry. */
  readonly override?: readonly string[];
  /** Options that keep the command offline. */
  readonly offline?: readonly string[];
}

const NPM_HOSTS = ["registry.npmjs.org"];
const PYPI_HOSTS = ["pypi.org", "files.pythonhosted.org"];
const NPM_FETCH = ["install", "i", "add", "ci", "update", "up", "upgrade", "exec", "x", "dlx", "create"];
const NPM_QUERY = ["publish", "view", "info", "show", "outdated", "audit", "search", "login", "whoami"];
const NPM_LIKE: RegistrySpec = {
  subcommands: [...NPM_FETCH, ...NPM_QUERY],
  hosts: NPM_HOSTS,
  longValue: ["--prefix", "--registry", "--cache", "--userconfig", "--filter", "--dir"],
  override: ["--registry", "npm_config_registry", "NPM_CONFIG_REGISTRY"],
  offline: ["--offline"],
};
const PIP: RegistrySpec = {
  subcommands: ["install", "download", "wheel", "index", "search"],
  hosts: PYPI_HOSTS,
  value: "ircCtf",
  longValue: ["--index-url", "--extra-index-url", "--requirement", "--constraint", "--target", "--find-links"],
  override: ["-i", "--index-url", "PIP_INDEX_URL"],
  offline: ["--no-index"],
};
const PYTHON_PROJECT: RegistrySpec = { subcommands: ["add", "install", "update", "lock", "sync"], hosts: PYPI_HOSTS };
const CONDA: RegistrySpec = {
  subcommands: ["install", "create", "update", "search"],
  hosts: ["conda.anaconda.org", "repo.anaconda.com"],
  offline: ["--offline"],
};

const REGISTRIES: Record<string, RegistrySpec> = {
  npm: NPM_LIKE,
  pnpm: NPM_LIKE,
  bun: NPM_LIKE,
  yarn: { ...NPM_LIKE, subcommands: ["", ...NPM_LIKE.subcommands], hosts: ["registry.yarnpkg.com"] },
  npx: { ...NPM_LIKE, subcommands: ["*"] },
  pnpx: { ...NPM_LIKE, subcommands: ["*"] },
  bunx: { ...NPM_LIKE, subcommands: ["*"] },
  pip: PIP,
  pipx: { ...PIP, subcommands: ["install", "run", "inject", "upgrade", "upgrade-all", "reinstall"] },
  uv: {
    ...PIP,
    subcommands: [
      "add",
      "sync",
      "lock",
      "pip install",
      "pip compile",
      "pip sync",
      "tool install",
      "tool run",
      "tool upgrade",
    ],
    override: ["-i", "--index-url", "--default-index", "UV_INDEX_URL", "UV_DEFAULT_INDEX"],
    offline: ["--offline", "--no-index"],
  },
  uvx: { subcommands: ["*"], hosts: PYPI_HOSTS, override: ["--index-url", "--default-index"], offline: ["--offline"] },
  poetry: PYTHON_PROJECT,
  pdm: PYTHON_PROJECT,
  cargo: {
    subcommands: [
      "add",
      "install",
      "fetch",
      "update",
      "publish",
      "search",
      "vendor",
      "generate-lockfile",
      "login",
      "yank",
    ],
    hosts: ["crates.io", "index.crates.io", "static.crates.io"],
    offline: ["--offline", "--frozen"],
  },
  go: {
    subcommands: ["get", "install", "mod download", "mod tidy"],
    hosts: ["proxy.golang.org", "sum.golang.org"],
    override: ["GOPROXY"],
  },
  gem: {
    subcommands: ["install", "update", "fetch", "push", "search"],
    hosts: ["rubygems.org"],
    override: ["--source"],
  },
  bundle: { subcommands: ["", "install", "update", "add", "lock", "outdated"], hosts: ["rubygems.org"] },
  composer: {
    subcommands: ["require", "install", "update", "create-project", "search", "outdated"],
    hosts: ["repo.packagist.org"],
  },
  brew: {
    subcommands: ["install", "upgrade", "reinstall", "fetch", "update"],
    hosts: ["formulae.brew.sh", "ghcr.io"],
  },
  conda: CONDA,
  mamba: CONDA,
  micromamba: CONDA,
  gh: { subcommands: ["*"], hosts: ["api.github.com", "github.com"] },
};

const VERSIONED_PIP = /^pip[0-9.]*$/;

/** Default registry hosts reached by a package manager invocation (argv without assignments). */
export function registryHosts(argv: readonly string[], assignments: Record<string, string>, into: Set<string>): void {
  let program = argv[0] === undefined ? "" : argv[0].slice(argv[0].lastIndexOf("/") + 1);
  let args = argv.slice(1);
  // `python -m pip install x` is pip.
  const m = args.indexOf("-m");
  if (/^python[0-9.]*$/.test(program) && m >= 0 && args[m + 1] !== undefined) {
    program = args[m + 1] as string;
    args = args.slice(m + 2);
  }
  if (VERSIONED_PIP.test(program)) program = "pip";
  const spec = REGISTRIES[program];
  if (spec === undefined) return;
  const { operands, options } = splitArguments(args, spec);
  const sub1 = operands[0] ?? "";
  const fetches = spec.subcommands.some((s) => s === "*" || s === sub1 || s === `${sub1} ${operands[1] ?? ""}`);
  if (!fetches) return;
  if (options.some(([o]) => spec.offline?.includes(o))) return;
  const overridden = (name: string) => options.some(([o]) => o === name) || assignments[name] !== undefined;
  if (program === "go") {
    goHosts(operands, assignments.GOPROXY, spec, into);
    return;
  }
  if (spec.override?.some(overridden)) return;
  for (const host of spec.hosts) into.add(host);
}

/** `GOPROXY=direct` fetches modules from their own hosts; `off` fetches nothing. */
function goHosts(operands: string[], proxy: string | undefined, spec: RegistrySpec, into: Set<string>): void {
  if (proxy === undefined) {
    for (const host of spec.hosts) into.add(host);
    return;
  }
  if (!proxy.split(/[,|]/).includes("direct")) return;
  for (const operand of operands.slice(1)) {
    const first = operand.split("/")[0] as string;
    if (first.includes(".")) {
      const host = normalizeHost(first.split("@")[0] as string);
      if (host !== null) into.add(host);
    }
  }
}
