/** The small HIR the regex_lite parser port builds (regex-lite/src/hir/mod.rs), plus class helpers. */
/** A closed code-point range `[lo, hi]`. */
export type Range = [number, number];

/** regex_lite inline flags (`i`, `m`, `s`, `U`, `R`, `x`). */
export interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
  R: boolean;
  x: boolean;
}

/** regex_lite look-around assertions. */
export type Look =
  | "Start"
  | "End"
  | "StartLF"
  | "EndLF"
  | "StartCRLF"
  | "EndCRLF"
  | "Word"
  | "WordNegate"
  | "WordStart"
  | "WordEnd"
  | "WordStartHalf"
  | "WordEndHalf";

/** regex_lite's high-level IR, as far as matching needs it. */
export type Hir =
  | { readonly kind: "empty" }
  | { readonly kind: "char"; readonly cp: number }
  | { readonly kind: "class"; readonly ranges: readonly Range[]; readonly fold: boolean; readonly negate: boolean }
  | { readonly kind: "look"; readonly look: Look }
  | {
      readonly kind: "repetition";
      readonly min: number;
      readonly max: number | null;
      readonly greedy: boolean;
      readonly sub: Hir;
    }
  | { readonly kind: "capture"; readonly sub: Hir }
  | { readonly kind: "concat"; readonly subs: readonly Hir[] }
  | { readonly kind: "alternation"; readonly subs: readonly Hir[] };

/** `Hir::concat`: empty → empty, one → itself. */
export function hirConcat(subs: Hir[]): Hir {
  if (subs.length === 0) return { kind: "empty" };
  return subs.length === 1 ? (subs[0] as Hir) : { kind: "concat", subs };
}

/** `Hir::alternation`: one branch → itself. */
export function hirAlternation(subs: Hir[]): Hir {
  return subs.length === 1 ? (subs[0] as Hir) : { kind: "alternation", subs };
}

/** regex_lite's default nesting limit (probed: 50 nested groups parse, 51 do not). */
export const NEST_LIMIT = 50;

/** regex_lite's POSIX classes (`[[:alpha:]]`), also used for the Perl classes `d`, `s`, `w`. */
export const POSIX: Record<string, Range[]> = {
  alnum: [
    [48, 57],
    [65, 90],
    [97, 122],
  ],
  alpha: [
    [65, 90],
    [97, 122],
  ],
  ascii: [[0, 127]],
  blank: [
    [9, 9],
    [32, 32],
  ],
  cntrl: [
    [0, 31],
    [127, 127],
  ],
  digit: [[48, 57]],
  graph: [[33, 126]],
  lower: [[97, 122]],
  print: [[32, 126]],
  punct: [
    [33, 47],
    [58, 64],
    [91, 96],
    [123, 126],
  ],
  space: [
    [9, 13],
    [32, 32],
  ],
  upper: [[65, 90]],
  word: [
    [48, 57],
    [65, 90],
    [95, 95],
    [97, 122],
  ],
  xdigit: [
    [48, 57],
    [65, 70],
    [97, 102],
  ],
};

/** The final ranges of a class node (ASCII case folding before negation, as regex_lite does). */
export function classRanges(hir: Extract<Hir, { kind: "class" }>): Range[] {
  const ranges: Range[] = [...hir.ranges];
  if (hir.fold) {
    for (const [lo, hi] of hir.ranges) {
      for (const [a, z, delta] of [
        [97, 122, -32],
        [65, 90, 32],
      ] as const) {
        const from = Math.max(lo, a);
        const to = Math.min(hi, z);
        if (from <= to) ranges.push([from + delta, to + delta]);
      }
    }
  }
  if (!hir.negate) return ranges;
  const sorted = ranges.sort((x, y) => x[0] - y[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

/** `check_hir_nesting`: the finished HIR may not be deeper than the nest limit. */
export function checkHirNesting(hir: Hir, depth = 0): boolean {
  if (depth > NEST_LIMIT) return false;
  if (hir.kind === "repetition" || hir.kind === "capture") return checkHirNesting(hir.sub, depth + 1);
  if (hir.kind === "concat" || hir.kind === "alternation")
    return hir.subs.every((sub) => checkHirNesting(sub, depth + 1));
  return true;
}
