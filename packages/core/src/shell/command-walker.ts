/**
 * Walks parsed scripts in source order, turning simple commands into `SimpleCommand`s, following
 * substitutions and nested scripts up to a depth limit, and tracking `cd` within each shell.
 */
import type { SimpleCommand, Unanalysable } from "./command-analysis.ts";
import { type CommandSink, inspectCommand, type PipeFeed } from "./inspect-command.ts";
import { programName } from "./program-name.ts";
import { parseShellScript } from "./shell-parser.ts";
import { joinShellPath } from "./shell-path.ts";
import type {
  CompoundNode,
  ParsedScript,
  Pipeline,
  ShellRedirect,
  ShellWord,
  SimpleNode,
  Substitution,
} from "./shell-syntax.ts";
import { UnanalysableReason } from "./unanalysable-reason.ts";
import { unwrapCommand } from "./unwrap-command.ts";
import { WrittenScripts } from "./written-scripts.ts";

const CHANGES_DIRECTORY = new Set(["cd", "pushd", "popd"]);

/** Nested scripts (`bash -c`, `$(…)`, `eval`, …) deeper than this are reported, not analysed. */
const MAX_DEPTH = 8;

function toRedirection(r: ShellRedirect): SimpleCommand["redirections"][number] {
  const target = r.target?.value ?? "";
  return r.heredoc === null ? { op: r.op, target } : { op: r.op, target, body: r.heredoc.body };
}

/** Collects the commands and unanalysable parts of one script. */
export class CommandWalker implements CommandSink {
  readonly commands: SimpleCommand[] = [];
  readonly unanalysable: Unanalysable[] = [];
  private workdir: string | null = "";
  private readonly produced = new Map<Substitution, SimpleCommand[]>();
  private readonly written = new WrittenScripts();
  private readonly flagged = new Set<string>();

  walkText(text: string, context: string[], depth: number, sameShell = false): void {
    if (depth > MAX_DEPTH) {
      this.flag(UnanalysableReason.tooDeep, text);
      return;
    }
    const saved = this.workdir;
    this.walkScript(parseShellScript(text).script, context, depth);
    if (!sameShell) this.workdir = saved;
  }

  walkWords(words: ShellWord[], text: string, context: string[], depth: number, unknownWorkdir: boolean): void {
    if (depth > MAX_DEPTH) {
      this.flag(UnanalysableReason.tooDeep, text);
      return;
    }
    const saved = this.workdir;
    if (unknownWorkdir) this.workdir = null;
    const unwrapped = unwrapCommand(words);
    const assignments = Object.fromEntries(unwrapped.assignments);
    const command = this.record(unwrapped.words, text, [], assignments, unwrapped.wrappers, context);
    inspectCommand(this, command, unwrapped, null, depth, null);
    this.workdir = saved;
  }

  flag(reason: string, text: string): void {
    const key = `${reason}\n${text}`;
    if (this.flagged.has(key)) return;
    this.flagged.add(key);
    this.unanalysable.push({ reason, text });
  }

  producedBy(word: ShellWord | null): SimpleCommand[] {
    if (word?.subs == null) return [];
    return word.subs.flatMap((sub) => this.produced.get(sub) ?? []);
  }

  private walkScript(script: ParsedScript, context: string[], depth: number): void {
    if (script.errors.length > 0) {
      const text = script.source.slice(script.start, script.end);
      for (const reason of script.errors) this.flag(reason, text);
    }
    for (const pipeline of script.pipelines) this.walkPipeline(pipeline, script.source, context, depth);
  }

  private walkPipeline(pipeline: Pipeline, src: string, context: string[], depth: number): void {
    // Each stage of a multi-stage or background pipeline runs in a subshell: its `cd` is lost.
    const isolated = pipeline.background || pipeline.stages.length > 1;
    const before = this.workdir;
    const first = this.commands.length;
    const stages = pipeline.stages;
    const text = src.slice(
      (stages[0] as SimpleNode | CompoundNode).start,
      (stages[stages.length - 1] as SimpleNode).end,
    );
    let feed: PipeFeed | null = null;
    for (const stage of stages) {
      if (stage.type === "simple") this.walkSimple(stage, src, context, depth, feed);
      else this.walkCompound(stage, src, context, depth);
      const end = this.commands.length;
      if (stages.length > 1) feed = { stage, producers: () => this.commands.slice(first, end), text };
      if (isolated) this.workdir = before;
    }
  }

  private walkCompound(node: CompoundNode, src: string, context: string[], depth: number): void {
    for (const word of node.words) this.walkSubs(word, context, depth);
    const before = this.workdir;
    for (const pipeline of node.body) this.walkPipeline(pipeline, src, context, depth);
    if (node.kind === "subshell" || node.kind === "function") this.workdir = before;
    // A `cd` in a branch or a loop may or may not have run.
    else if (node.kind !== "group" && this.workdir !== before) this.workdir = null;
    if (node.redirects.length > 0) {
      const redirections = node.redirects.map(toRedirection);
      this.record([], src.slice(node.start, node.end), redirections, {}, [], context);
      for (const r of node.redirects) this.walkSubs(r.target, context, depth);
    }
  }

  private walkSimple(node: SimpleNode, src: string, context: string[], depth: number, feed: PipeFeed | null): void {
    const assignments: Record<string, string> = {};
    for (const word of node.assigns) {
      const eq = word.value.indexOf("=");
      assignments[word.value.slice(0, eq).replace(/\+$/, "")] = word.value.slice(eq + 1);
    }
    const unwrapped = unwrapCommand(node.words);
    for (const [name, value] of unwrapped.assignments) assignments[name] = value;
    const wrappers = node.prefix === null ? unwrapped.wrappers : [node.prefix, ...unwrapped.wrappers];
    const redirections = node.redirects.map(toRedirection);
    const text = src.slice(node.start, node.end);
    const command = this.record(unwrapped.words, text, redirections, assignments, wrappers, context);
    // Substitutions run in a subshell before the command; unquoted here-documents are expanded too.
    for (const word of node.assigns) this.walkSubs(word, context, depth);
    for (const word of node.words) this.walkSubs(word, context, depth);
    for (const r of node.redirects) {
      this.walkSubs(r.target, context, depth);
      if (r.heredoc?.subs) this.walkSubList(r.heredoc.subs, context, depth);
    }
    if (unwrapped.script === null && CHANGES_DIRECTORY.has(command.program)) this.changeDirectory(command);
    inspectCommand(this, command, unwrapped, node, depth, feed);
    if (command.argv.length > 0) this.runWrittenScript(command, context, depth);
    this.written.note(command, node, feed);
  }

  /** A script this script wrote earlier: analysed when its text is known, else flagged. */
  private runWrittenScript(command: SimpleCommand, context: string[], depth: number): void {
    const run = this.written.executed(command);
    if (run === null) return;
    const { file } = run;
    if (file.reason !== null) this.flag(file.reason, command.text);
    else if (file.text === null) this.flag(UnanalysableReason.generated, command.text);
    else if (run.interpreter) this.flag(UnanalysableReason.inlineCode, command.text);
    else this.walkText(file.text, [...context, run.path], depth + 1, command.program === "source");
  }

  private walkSubs(word: ShellWord | null, context: string[], depth: number): void {
    if (word?.subs) this.walkSubList(word.subs, context, depth);
  }

  private walkSubList(subs: Substitution[], context: string[], depth: number): void {
    for (const sub of subs) {
      const first = this.commands.length;
      const saved = this.workdir;
      const { source, start, end } = sub.script;
      if (depth + 1 > MAX_DEPTH) this.flag(UnanalysableReason.tooDeep, source.slice(start, end));
      else this.walkScript(sub.script, [...context, sub.kind], depth + 1);
      this.workdir = saved;
      this.produced.set(sub, this.commands.slice(first));
    }
  }

  /** `cd DIR` / `pushd DIR` with a literal DIR moves later commands of this shell; anything else loses track. */
  private changeDirectory(command: SimpleCommand): void {
    const { program, argv } = command;
    if (program === "popd") {
      this.workdir = null;
      return;
    }
    const target = argv.slice(1).find((a) => a !== "--" && !/^-[LPe@]+$/.test(a));
    if (target === undefined) this.workdir = program === "cd" ? "~" : null;
    else if (target.includes("$") || target.includes("`") || target === "-") this.workdir = null;
    else this.workdir = joinShellPath(this.workdir, target);
  }

  private record(
    words: ShellWord[],
    text: string,
    redirections: SimpleCommand["redirections"],
    assignments: Record<string, string>,
    wrappers: string[],
    context: string[],
  ): SimpleCommand {
    const argv = words.map((w) => w.value);
    const workdir = this.workdir === "." ? "" : this.workdir;
    const program = argv.length > 0 ? programName(argv[0] as string) : "";
    // Each command gets its own context array: callers may keep or change one without touching others.
    const command: SimpleCommand = {
      argv,
      program,
      text,
      redirections,
      assignments,
      wrappers,
      context: [...context],
      workdir,
    };
    this.commands.push(command);
    return command;
  }
}
