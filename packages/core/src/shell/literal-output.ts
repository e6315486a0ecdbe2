/** Fixed text that simple commands produce: `echo`/`printf` of literal words, here-documents, here-strings. */
import { programName } from "./program-name.ts";
import type { CompoundNode, SimpleNode } from "./shell-syntax.ts";

/** The fixed text a here-document or here-string gives a command on its standard input, or null. */
export function literalStdin(node: SimpleNode): string | null {
  const r = node.redirects.findLast((x) => x.heredoc !== null || x.op === "<<<" || /^0?<$/.test(x.op));
  if (r?.heredoc) return r.heredoc.quoted || !/[$`]/.test(r.heredoc.body) ? r.heredoc.body : null;
  if (r?.op === "<<<" && r.target && !r.target.dynamic) return `${r.target.value}\n`;
  return null;
}

/** What `echo …`, `printf FORMAT` or `cat <<EOF` writes, when it is fixed text; else null. */
export function literalOutput(stage: SimpleNode | CompoundNode): string | null {
  if (stage.type !== "simple" || stage.words.some((w) => w.dynamic)) return null;
  const words = stage.words.map((w) => w.value);
  const name = programName(words[0] ?? "");
  if (name === "echo") {
    let i = 1;
    while (i < words.length && /^-[neE]+$/.test(words[i] as string)) i++;
    return `${words.slice(i).join(" ")}\n`;
  }
  if (name === "printf") {
    const format = words[1];
    if (format === undefined || /%[^%]/.test(format)) return null;
    return format.replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/%%/g, "%");
  }
  return name === "cat" && words.length === 1 ? literalStdin(stage) : null;
}
