/** One line of a diff: kept, removed from the old text, or added in the new one. */
export interface DiffLine {
  readonly op: " " | "-" | "+";
  readonly text: string;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The shortest edit script between two texts, line by line (Myers' O(ND) algorithm). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const max = a.length + b.length;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v.get(k - 1)! < v.get(k + 1)!) ? v.get(k + 1)! : v.get(k - 1)! + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= a.length && y >= b.length) break outer;
    }
  }
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd.get(k - 1)! < vd.get(k + 1)!) ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: " ", text: a[--x]! });
      y--;
    }
    if (d > 0) {
      if (x === prevX) out.push({ op: "+", text: b[--y]! });
      else out.push({ op: "-", text: a[--x]! });
    }
  }
  return out.reverse();
}

/** A unified diff (`--- a`, `+++ b`, `@@` hunks with 3 lines of context); empty when the texts are equal. */
export function unifiedDiff(before: string, after: string, labels: { from: string; to: string }): string {
  const lines = diffLines(before, after);
  if (lines.every((line) => line.op === " ")) return "";
  const context = 3;
  const changed = lines.map((line, index) => (line.op === " " ? -1 : index)).filter((index) => index >= 0);
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(lines.length, index + context + 1);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1]) last[1] = end;
    else hunks.push([start, end]);
  }
  let out = `--- ${labels.from}\n+++ ${labels.to}\n`;
  for (const [start, end] of hunks) {
    const oldStart = lines.slice(0, start).filter((line) => line.op !== "+").length;
    const newStart = lines.slice(0, start).filter((line) => line.op !== "-").length;
    const body = lines.slice(start, end);
    const oldCount = body.filter((line) => line.op !== "+").length;
    const newCount = body.filter((line) => line.op !== "-").length;
    out += `@@ -${oldStart + (oldCount ? 1 : 0)},${oldCount} +${newStart + (newCount ? 1 : 0)},${newCount} @@\n`;
    out += body.map((line) => `${line.op}${line.text}\n`).join("");
  }
  return out;
}
