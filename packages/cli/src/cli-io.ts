import { writeAllSync } from "@warden/agent";

/** Where a command writes: injected so tests run the CLI in-process and read what it printed. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** Writes synchronously; a reader that went away (`warden explain | head`) ends the output quietly. */
function writeTo(fd: number): (text: string) => void {
  return (text) => {
    try {
      writeAllSync(fd, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EPIPE") throw error;
    }
  };
}

/** The process's real output (written synchronously, without process.stdout) and environment. */
export function processIo(): CliIo {
  return { stdout: writeTo(1), stderr: writeTo(2), env: process.env, cwd: process.cwd() };
}
