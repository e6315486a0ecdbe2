/**
 * What a command runs besides itself: `bash -c` scripts, code fed to a shell or interpreter on
 * standard input, `eval`, `source`, `find -exec`, `alias` and `trap` bodies, inline interpreter code.
 * Nested scripts are handed back to the walker; what cannot be followed is flagged.
 */
import { hiddenCodeReason } from "./code-producers.ts";
import type { SimpleCommand } from "./command-analysis.ts";
import { embeddedCommands } from "./embedded-commands.ts";
import { awkRunsCommands, interpreterInput, interpreterName } from "./interpreter-invocation.ts";
import { literalOutput } from "./literal-output.ts";
import { isShell, shellInput } from "./shell-invocation.ts";
import type { CompoundNode, ShellWord, SimpleNode } from "./shell-syntax.ts";
import { UnanalysableReason } from "./unanalysable-reason.ts";
import type { UnwrappedCommand } from "./unwrap-command.ts";

/** The walker, as the inspector sees it. */
export interface CommandSink {
  /** Analyses a nested script; `sameShell` lets its `cd` affect later commands (`eval`). */
  walkText(text: string, context: string[], depth: number, sameShell?: boolean): void;
  /** Records a command found in another command's arguments (`find -exec`). */
  walkWords(words: ShellWord[], text: string, context: string[], depth: number, unknownWorkdir: boolean): void;
  flag(reason: string, text: string): void;
  /** Commands run by a word's command and process substitutions. */
  producedBy(word: ShellWord | null): SimpleCommand[];
}

/** The earlier stages of a pipeline, whose output the current stage reads. */
export interface PipeFeed {
  readonly stage: SimpleNode | CompoundNode;
  /** Commands of the earlier stages (computed on demand: most stages never need them). */
  producers(): SimpleCommand[];
  readonly text: string;
}

const FIND_EXEC = new Set(["-exec", "-execdir", "-ok", "-okdir"]);
const FD_EXEC = new Set(["-x", "--exec", "-X", "--exec-batch"]);

/** Follows what `command` (already recorded) runs besides itself. */
export function inspectCommand(
  sink: CommandSink,
  command: SimpleCommand,
  unwrapped: UnwrappedCommand,
  node: SimpleNode | null,
  depth: number,
  feed: PipeFeed | null,
): void {
  for (const embedded of embeddedCommands(command)) {
    sink.walkText(embedded.script, [...command.context, embedded.via], depth + 1);
  }
  if (unwrapped.script !== null) {
    runScript(sink, unwrapped.script.words, unwrapped.script.via, command, depth);
    return;
  }
  const words = unwrapped.words;
  const head = words[0];
  if (head === undefined) return;
  // `{}` is replaced by xargs, parallel or find: the program comes from their input.
  if (head.dynamic || head.glob || head.value.includes("{}")) {
    sink.flag(UnanalysableReason.dynamicProgram, command.text);
    return;
  }
  const program = command.program;
  if (isShell(program)) {
    const input = shellInput(words);
    if (input.kind === "script") {
      runScript(sink, [input.word], `${program} -c`, command, depth);
      return;
    }
    if (input.kind === "file") flagGenerated(sink, input.word, command, UnanalysableReason.piped);
    else if (input.kind === "stdin") runStdin(sink, command, node, feed, depth, false);
    return;
  }
  if (launchesShell(program, words)) {
    runStdin(sink, command, node, feed, depth, false);
    return;
  }
  switch (program) {
    case "eval":
      sink.flag(UnanalysableReason.eval, command.text);
      runScript(sink, words.slice(1), "eval", command, depth, true);
      return;
    case "source":
    case ".":
      if (!flagGenerated(sink, words[1] ?? null, command, null)) sink.flag(UnanalysableReason.source, command.text);
      return;
    case "find":
    case "fd":
    case "fdfind":
      runExecArguments(sink, command, words, depth, program === "find" ? FIND_EXEC : FD_EXEC);
      return;
    case "alias":
      for (const w of words.slice(1)) {
        const eq = w.value.indexOf("=");
        if (eq > 0 && !w.value.startsWith("-"))
          sink.walkText(w.value.slice(eq + 1), [...command.context, "alias"], depth + 1);
      }
      return;
    case "trap": {
      const operands = words.slice(1).filter((w) => !/^-[lp-]?$/.test(w.value));
      const action = operands[0];
      if (action !== undefined && operands.length > 1 && action.value !== "-") {
        sink.walkText(action.value, [...command.context, "trap"], depth + 1);
      }
      return;
    }
  }
  const interpreter = interpreterName(program);
  if (interpreter !== null) {
    const input = interpreterInput(interpreter, words);
    if (input.kind === "code") {
      sink.flag(UnanalysableReason.inlineCode, command.text);
      const hidden = hiddenCodeReason(words.flatMap((w) => sink.producedBy(w)));
      if (hidden !== null) sink.flag(hidden, command.text);
    } else if (input.kind === "encoded") {
      sink.flag(UnanalysableReason.decoded, command.text);
    } else if (input.kind === "file") {
      flagGenerated(sink, input.word, command, UnanalysableReason.inlineCode);
    } else if (input.kind === "stdin") {
      runStdin(sink, command, node, feed, depth, true);
    }
    return;
  }
  if (awkRunsCommands(program, words)) sink.flag(UnanalysableReason.inlineCode, command.text);
}

/** A script given as words (`bash -c WORD`, `eval WORDS`, `watch WORDS`): analysed, and flagged if dynamic. */
function runScript(
  sink: CommandSink,
  words: readonly ShellWord[],
  via: string,
  command: SimpleCommand,
  depth: number,
  isEval = false,
): void {
  if (words.length === 0) return;
  if (words.some((w) => w.dynamic)) {
    const hidden = hiddenCodeReason(words.flatMap((w) => sink.producedBy(w)));
    // An expansion inside a script is expanded before the nested shell parses it, so it can inject commands.
    if (hidden !== null || !isEval) sink.flag(hidden ?? UnanalysableReason.dynamicScript, command.text);
    if (!words.some((w) => w.literal)) return;
  }
  const text = words.map((w) => w.value).join(" ");
  sink.walkText(text, [...command.context, via], depth + 1, isEval);
}

/** Flags a script file that is really another command's output (`bash <(curl …)`); true when flagged. */
function flagGenerated(sink: CommandSink, word: ShellWord | null, command: SimpleCommand, fallback: string | null) {
  if (word?.subs == null) return false;
  const reason = hiddenCodeReason(sink.producedBy(word)) ?? fallback;
  if (reason !== null) sink.flag(reason, command.text);
  return reason !== null;
}

/** Code a shell or interpreter reads on standard input: a here-document, a here-string, a redirect or a pipe. */
function runStdin(
  sink: CommandSink,
  command: SimpleCommand,
  node: SimpleNode | null,
  feed: PipeFeed | null,
  depth: number,
  interpreter: boolean,
): void {
  const context = [...command.context, `${command.program} stdin`];
  const redirect = node?.redirects.findLast((r) => /^0?(<|<<|<<-|<<<)$/.test(r.op));
  if (redirect?.heredoc) {
    if (interpreter) {
      sink.flag(UnanalysableReason.inlineCode, command.text);
      return;
    }
    const { body, quoted } = redirect.heredoc;
    if (!quoted && /[$`]/.test(body)) sink.flag(UnanalysableReason.dynamicScript, command.text);
    sink.walkText(body, context, depth + 1);
    return;
  }
  if (redirect?.target) {
    const target = redirect.target;
    if (redirect.op.endsWith("<<<")) {
      if (!interpreter) {
        runScript(sink, [target], `${command.program} stdin`, command, depth);
        return;
      }
      sink.flag(hiddenCodeReason(sink.producedBy(target)) ?? UnanalysableReason.inlineCode, command.text);
      return;
    }
    flagGenerated(sink, target, command, UnanalysableReason.piped);
    return;
  }
  if (feed === null) return;
  const hidden = hiddenCodeReason(feed.producers());
  const literal = hidden === null ? literalOutput(feed.stage) : null;
  if (literal === null) {
    sink.flag(hidden ?? UnanalysableReason.piped, feed.text);
    return;
  }
  if (interpreter) {
    sink.flag(UnanalysableReason.inlineCode, feed.text);
    return;
  }
  sink.walkText(literal, context, depth + 1);
}

/** `find … -exec CMD {} ;` and `fd -x CMD`: CMD is a command of its own. */
function runExecArguments(
  sink: CommandSink,
  command: SimpleCommand,
  words: readonly ShellWord[],
  depth: number,
  options: Set<string>,
): void {
  for (let i = 1; i < words.length; i++) {
    const option = (words[i] as ShellWord).value;
    if (!options.has(option)) continue;
    let end = i + 1;
    while (end < words.length && (words[end] as ShellWord).value !== ";" && (words[end] as ShellWord).value !== "+")
      end++;
    const segment = words.slice(i + 1, end);
    const context = [...command.context, `${command.program} ${option}`];
    if (segment.length > 0) sink.walkWords(segment, command.text, context, depth + 1, option.endsWith("dir"));
    i = end;
  }
}

/** `sudo -s`, `sudo -i`, `doas -s`, `su [user]`, `script` without a command start a shell that reads standard input. */
function launchesShell(program: string, words: readonly ShellWord[]): boolean {
  switch (program) {
    case "su":
    case "runuser":
    case "script":
      return true;
    case "sudo":
    case "doas":
      return words.some((w, i) => {
        const a = w.value;
        if (i === 0 || !a.startsWith("-")) return false;
        if (a.startsWith("--")) return program === "sudo" && (a === "--shell" || a === "--login");
        return program === "sudo" ? /[si]/.test(a) : a.includes("s");
      });
  }
  return false;
}
