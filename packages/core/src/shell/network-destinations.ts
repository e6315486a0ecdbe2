/**
 * The hosts a command reaches over the network, for hostname allowlists and audit. Sources, in
 * order: URLs anywhere in its arguments and environment assignments, bash's `/dev/tcp/HOST/PORT`
 * redirections, clients that name hosts without a URL, and package managers' default registries.
 */
import type { SimpleCommand } from "./command-analysis.ts";
import { normalizeHost, urlHosts } from "./host-syntax.ts";
import { toolHosts } from "./network-tools.ts";
import { registryHosts } from "./package-registries.ts";

const DEV_NET = /^\/dev\/(?:tcp|udp)\/([^/]+)\//;

/** Lowercased host names (no port, no user) `command` reaches, in order of appearance, without duplicates. */
export function networkDestinations(command: SimpleCommand): string[] {
  const hosts = new Set<string>();
  for (const arg of command.argv.slice(1)) urlHosts(arg, hosts);
  for (const value of Object.values(command.assignments)) urlHosts(value, hosts);
  for (const { target } of command.redirections) {
    const m = DEV_NET.exec(target);
    const host = m ? normalizeHost(m[1] as string) : null;
    if (host !== null) hosts.add(host);
  }
  if (command.argv.length > 0) {
    toolHosts(command.program, command.argv.slice(1), hosts);
    registryHosts(command.argv, command.assignments, hosts);
  }
  return [...hosts];
}
