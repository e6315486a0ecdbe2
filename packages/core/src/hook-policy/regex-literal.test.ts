// The evaluator skips a commandRegex (and its gate) when the command lacks the regex's required
// literal, so the literal must be sound: a wrong one would let a command past a deny rule.
import { expect, test } from "vitest";
import { regexLiteral } from "./prepare-hook-policy.ts";

test("regexLiteral: every string a random regex matches contains its literal (checked against V8)", () => {
  const atoms = [
    "a",
    "b",
    "ab",
    "\\.",
    ".",
    "\\b",
    "\\w",
    "\\-",
    "-",
    "?",
    "*",
    "+",
    "{2}",
    "{1,3}",
    "(",
    ")",
    "(?:",
    "(?=",
    "[ab]",
    "[\\]a]",
    "|",
    "^",
    "$",
    "\\p{L}",
    "x",
    "--danger",
    "\\/",
    "{",
    "}",
    " ",
  ];
  const texts = [
    "",
    "a",
    "ab",
    "aab",
    "abab",
    "x.y",
    "--danger",
    "a-b",
    "abb",
    "bab",
    "ba",
    "aa ab x",
    "{2}",
    "a{2}",
    "ab--dangerx",
    "{1,3}",
    "é",
    "xx",
    "ab.x-",
  ];
  let checked = 0;
  let rng = 1;
  const rand = (n: number) => {
    rng = (rng * 1103515245 + 12345) & 0x7fffffff;
    return rng % n;
  };
  for (let k = 0; k < 30000; k++) {
    let src = "";
    const len = 1 + rand(6);
    for (let i = 0; i < len; i++) src += atoms[rand(atoms.length)];
    const flags = ["", "u", "s", "m"][rand(4)]!;
    let re: RegExp;
    try {
      re = new RegExp(src, flags);
    } catch {
      continue;
    }
    const lit = regexLiteral({ source: src, flags });
    if (lit === "") continue;
    checked++;
    for (const t of [...texts, lit, lit + lit, src, `x${lit}y`]) {
      if (re.test(t) && !t.includes(lit))
        throw new Error(`unsound: /${src}/${flags} literal ${JSON.stringify(lit)} text ${JSON.stringify(t)}`);
    }
    // generate matching strings by sampling substrings of combined texts
  }
  expect(checked).toBeGreaterThan(200);
  expect(regexLiteral({ source: "\\bword3\\b.*--danger3", flags: "" })).toBe("--danger3");
  expect(regexLiteral({ source: "ab+c", flags: "" })).toBe("ab");
  expect(regexLiteral({ source: "a{2}bc", flags: "" })).toBe("bc");
  expect(regexLiteral({ source: "a|b", flags: "" })).toBe("");
  expect(regexLiteral({ source: "abc", flags: "i" })).toBe("");
});
