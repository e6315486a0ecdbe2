import { type RegexCompile, regexErrorText } from "./policy-regex.ts";

/**
 * Translates a Rust `regex` pattern (already accepted by `checkRustRegex`) into an equivalent
 * JavaScript regex with the `u` flag, so the hook can apply Codex's tool matcher without a regex
 * engine of its own (hooks-execpolicy-spec §1.5). Constructs JavaScript on Node 20 cannot express
 * (mid-pattern flags, verbose mode, class set operations, nested classes) are reported instead of
 * approximated. Known gap: Rust's `\d`, `\w`, `\s` and `\b` are Unicode-aware, JavaScript's are
 * ASCII; tool names are ASCII.
 */
export function translateRustRegex(pattern: string): RegexCompile {
  try {
    const translator = new Translator(pattern);
    const { source, flags } = translator.run();
    new RegExp(source, flags);
    return { ok: true, regex: { source, flags } };
  } catch (error) {
    if (error instanceof Untranslatable) return { ok: false, message: error.message };
    return { ok: false, message: `cannot be translated to JavaScript: ${regexErrorText(error)}` };
  }
}

class Untranslatable extends Error {}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

// Escapes JavaScript's `u` mode accepts as identity escapes.
const JS_SYNTAX = new Set("^$\\.*+?()[]{}|/");
const SIMPLE_ESCAPES = new Set("dDwWsSbBtnrfv");

class Translator {
  private i = 0;
  private out = "";
  private readonly flags = new Set(["u"]);

  constructor(private readonly p: string) {}

  run(): { source: string; flags: string } {
    this.leadingFlags();
    while (this.i < this.p.length) {
      const c = this.p[this.i]!;
      if (c === "\\") this.out += this.escape(false);
      else if (c === "[") this.charClass();
      else if (c === "(") this.group();
      else if (c === "{") this.counted();
      else if (c === "}" || c === "]") {
        this.out += `\\${c}`;
        this.i++;
      } else {
        this.out += c;
        this.i++;
      }
    }
    return { source: this.out, flags: [...this.flags].sort().join("") };
  }

  private leadingFlags(): void {
    const match = /^\(\?([a-zA-Z-]*)\)/.exec(this.p);
    if (!match) return;
    for (const flag of match[1]!) {
      if (flag === "i" || flag === "m" || flag === "s") this.flags.add(flag);
      else if (flag !== "u") throw new Untranslatable(`inline flag \`${flag}\` has no JavaScript equivalent`);
    }
    this.i = match[0].length;
  }

  private group(): void {
    const rest = this.p.slice(this.i);
    if (rest.startsWith("(?P<")) {
      this.out += "(?<";
      this.i += 4;
    } else if (rest.startsWith("(?<") || rest.startsWith("(?:")) {
      this.out += rest.slice(0, 3);
      this.i += 3;
    } else if (rest.startsWith("(?")) {
      throw new Untranslatable(
        "flags inside the pattern have no JavaScript equivalent on Node 20; put them at the start",
      );
    } else {
      this.out += "(";
      this.i++;
    }
  }

  // `{n}`, `{n,}`, `{n,m}`: checkRustRegex has already verified the shape.
  private counted(): void {
    const end = this.p.indexOf("}", this.i);
    this.out += this.p.slice(this.i, end + 1).replace(/\s+/g, "");
    this.i = end + 1;
  }

  private escape(inClass: boolean): string {
    const c = this.p[this.i + 1] ?? "";
    this.i += 2;
    if (SIMPLE_ESCAPES.has(c)) {
      if (inClass && (c === "b" || c === "B")) throw new Untranslatable("`\\b` inside a class is not supported");
      return `\\${c}`;
    }
    if (c === "A") return "(?<![\\s\\S])";
    if (c === "z") return "(?![\\s\\S])";
    if (c === "a") return "\\x07";
    if (c === "x" || c === "u" || c === "U") return this.codePoint(c);
    if (c === "p" || c === "P") return this.unicodeClass(c);
    if (c === "-" && inClass) return "\\-";
    if (JS_SYNTAX.has(c)) return `\\${c}`;
    if (/[a-zA-Z0-9<>]/.test(c)) throw new Untranslatable(`escape \`\\${c}\` has no JavaScript equivalent`);
    return `\\u{${c.codePointAt(0)!.toString(16)}}`;
  }

  private codePoint(kind: string): string {
    const width = kind === "x" ? 2 : kind === "u" ? 4 : 8;
    let digits: string;
    if (this.p[this.i] === "{") {
      const end = this.p.indexOf("}", this.i);
      digits = this.p.slice(this.i + 1, end);
      this.i = end + 1;
    } else {
      digits = this.p.slice(this.i, this.i + width);
      this.i += width;
    }
    return `\\u{${digits.trim()}}`;
  }

  private unicodeClass(kind: string): string {
    let name: string;
    if (this.p[this.i] === "{") {
      const end = this.p.indexOf("}", this.i);
      name = this.p.slice(this.i + 1, end).replace(/\s+/g, "");
      this.i = end + 1;
    } else {
      name = this.p[this.i] ?? "";
      this.i++;
    }
    let negated = kind === "P";
    if (name.includes("!=")) {
      negated = !negated;
      name = name.replace("!=", "=");
    }
    name = name.replace(":", "=");
    const letter = negated ? "P" : "p";
    for (const candidate of [name, `Script=${name}`]) {
      try {
        new RegExp(`\\p{${candidate}}`, "u");
        return `\\${letter}{${candidate}}`;
      } catch {}
    }
    throw new Untranslatable(`Unicode class \`${name}\` has no JavaScript spelling`);
  }

  private charClass(): void {
    this.i++;
    let body = "";
    if (this.p[this.i] === "^") {
      body += "^";
      this.i++;
    }
    if (this.p[this.i] === "]") {
      body += "\\]";
      this.i++;
    }
    while (this.i < this.p.length && this.p[this.i] !== "]") {
      const rest = this.p.slice(this.i);
      if (rest.startsWith("[:")) {
        const end = rest.indexOf(":]");
        const name = rest.slice(2, end);
        const expansion = POSIX_CLASSES[name];
        if (expansion === undefined) throw new Untranslatable(`negated POSIX class \`[:${name}:]\` is not supported`);
        body += expansion;
        this.i += end + 2;
      } else if (rest.startsWith("[")) {
        throw new Untranslatable("nested character classes are not supported");
      } else if (rest.startsWith("&&") || rest.startsWith("--") || rest.startsWith("~~")) {
        throw new Untranslatable(`class set operation \`${rest.slice(0, 2)}\` is not supported`);
      } else if (rest.startsWith("\\")) {
        body += this.escape(true);
      } else {
        body += rest[0];
        this.i++;
      }
    }
    this.i++;
    this.out += `[${body}]`;
  }
}
