import type { Command } from "commander";
import type { CommandContext } from "./command-context.ts";
import type { ServeOptions } from "./run-serve.ts";

/** `warden serve`: the control plane's HTTP server over SQLite in the data dir, or PostgreSQL with WARDEN_DATABASE_URL. */
export function registerServeCommand(program: Command, context: CommandContext, setExit: (code: number) => void) {
  program
    .command("serve")
    .description("Run the control plane HTTP API (SQLite in --data-dir, or PostgreSQL with WARDEN_DATABASE_URL)")
    .option("--data-dir <dir>", "where the embedded database lives", "warden-data")
    .option("--port <n>", "the TCP port (0 picks a free one)", "8080")
    .option("--host <addr>", "the address to listen on", "127.0.0.1")
    .option("--workers <n>", "server processes sharing the port (use the number of cores under load)", "1")
    .action(async (options: ServeOptions) => {
      // The server, store and database drivers load only for `serve`, not for every command.
      const { runServe } = await import("./run-serve.ts");
      await runServe(options, context, setExit);
    });
}
