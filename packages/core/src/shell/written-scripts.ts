/**
 * Files a script writes and later executes (`cat > x.sh <<EOF … EOF; bash x.sh`, `curl -o i.sh
 * URL && sh i.sh`, `echo … | base64 -d > x; ./x`). A literal script is analysed when it runs;
 * downloaded, decoded or otherwise generated content is flagged. Paths are compared lexically,
 * relative to the working directory the script has reached.
 */
import { hiddenCodeReason } from "./code-producers.ts";
import type { SimpleCommand } from "./command-analysis.ts";
import type { PipeFeed } from "./inspect-command.ts";
import { interpreterInput, interpreterName } from "./interpreter-invocation.ts";
import { literalOutput, literalStdin } from "./literal-output.ts";
import { isShell, shellInput } from "./shell-invocation.ts";
import { joinShellPath } from "./shell-path.ts";
import type { SimpleNode } from "./shell-syntax.ts";
import { UnanalysableReason } from "./unanalysable-reason.ts";

/** What is known about a written file: its literal text, or why its content is hidden. */
export interface WrittenFile {
  readonly text: string | null;
  readonly reason: string | null;
}

const WRITERS = new Set(["tee", "curl", "wget", "cp", "mv", "install"]);
const STDOUT_REDIRECT = /^(?:1?(?:>|>>|>\|)|&>>?)$/;
const SHELL_SHEBANG = /^#!\S*\b(?:env\s+)?(?:ba|z|da|k|mk)?sh\b/;

/** The files written so far in one analysis. */
export class WrittenScripts {
  private readonly files = new Map<string, WrittenFile>();

  /** Notes what `command` writes: stdout redirections, `tee`, `curl -o`/`wget -O`, `cp`/`mv` of a noted file. */
  note(command: SimpleCommand, node: SimpleNode | null, feed: PipeFeed | null): void {
    if (command.redirections.length === 0 && !WRITERS.has(command.program)) return;
    const producers = () => feed?.producers() ?? [];
    for (const r of command.redirections) {
      if (!STDOUT_REDIRECT.test(r.op)) continue;
      const file = {
        text: node === null ? null : literalOutput(node),
        reason: hiddenCodeReason([...producers(), command]),
      };
      this.write(command, r.target, file, r.op.endsWith(">>"));
    }
    const { program } = command;
    const args = command.argv.slice(1);
    if (program === "tee") {
      const text = (node === null ? null : literalStdin(node)) ?? (feed === null ? null : literalOutput(feed.stage));
      const append = args.includes("-a") || args.includes("--append");
      const file = { text, reason: hiddenCodeReason(producers()) };
      for (const a of args) if (!a.startsWith("-")) this.write(command, a, file, append);
    }
    for (const path of downloadTargets(program, args)) {
      this.write(command, path, { text: null, reason: UnanalysableReason.downloaded }, false);
    }
    const operands = args.filter((a) => !a.startsWith("-"));
    if ((program === "cp" || program === "mv" || program === "install") && operands.length === 2) {
      const from = this.get(command, operands[0] as string);
      if (from !== undefined) this.write(command, operands[1] as string, from, false);
    }
  }

  /** The earlier-written file `command` runs as a script, and whether an interpreter other than a shell runs it. */
  executed(command: SimpleCommand): { path: string; file: WrittenFile; interpreter: boolean } | null {
    if (this.files.size === 0) return null;
    const { program, argv } = command;
    const words = argv.map((value) => ({ value }));
    const interpreter = interpreterName(program);
    let path: string | undefined;
    if ((argv[0] as string).includes("/")) path = argv[0];
    else if (program === "source" || program === ".") path = argv[1];
    else if (isShell(program)) {
      const input = shellInput(words);
      if (input.kind === "file") path = input.word.value;
    } else if (interpreter !== null) {
      const input = interpreterInput(interpreter, words);
      if (input.kind === "file") path = input.word.value;
    }
    const file = path === undefined ? undefined : this.get(command, path);
    if (path === undefined || file === undefined) return null;
    const shebang = file.text?.startsWith("#!") === true && !SHELL_SHEBANG.test(file.text);
    return { path, file, interpreter: (interpreter !== null && !isShell(program)) || shebang };
  }

  private get(command: SimpleCommand, path: string): WrittenFile | undefined {
    const key = joinShellPath(command.workdir, path);
    return key === null ? undefined : this.files.get(key);
  }

  private write(command: SimpleCommand, path: string, file: WrittenFile, append: boolean): void {
    const key = path.includes("$") ? null : joinShellPath(command.workdir, path);
    if (key === null) return;
    const before = append ? this.files.get(key) : undefined;
    if (before === undefined) this.files.set(key, file);
    else {
      const text = before.text !== null && file.text !== null ? before.text + file.text : null;
      this.files.set(key, { text, reason: before.reason ?? file.reason });
    }
  }
}

/** Files `curl -o F` / `curl -O URL` and `wget [-O F] URL` write. */
function downloadTargets(program: string, args: readonly string[]): string[] {
  if (program !== "curl" && program !== "wget") return [];
  const out: string[] = [];
  const urls = args.filter((a) => /^[a-z]+:\/\//i.test(a));
  let named = false;
  // `-o FILE` / `-fsSLo FILE` for curl, `-O FILE` / `-qO-` for wget, and `--output[-document]=FILE`.
  const option = program === "curl" ? /^(?:-[A-Za-z]*o|--output)$/ : /^(?:-[A-Za-z]*O|--output-document)$/;
  const attached = program === "curl" ? /^-[A-Za-z]*o(.+)$/ : /^-[A-Za-z]*O(.+)$/;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = option.test(a)
      ? args[++i]
      : /^--output(?:-document)?=/.test(a)
        ? a.slice(a.indexOf("=") + 1)
        : attached.exec(a)?.[1];
    if (value !== undefined) {
      out.push(value);
      named = true;
    }
  }
  const remoteName = program === "wget" || args.some((a) => /^-[A-Za-z]*O[A-Za-z]*$|^--remote-name$/.test(a));
  if (!named && remoteName) {
    for (const url of urls)
      out.push(
        url
          .replace(/[?#].*$/, "")
          .replace(/\/+$/, "")
          .split("/")
          .pop() as string,
      );
  }
  return out.filter((path) => path !== "-" && path !== "");
}
