import { describe, expect, it } from "vitest";
import { buildPositiveSamples } from "./corpus/positive-samples.ts";
import { redactSecrets } from "./redact-secrets.ts";
import { compileRule } from "./rule-index.ts";
import { SECRET_RULES } from "./secret-rules.ts";

describe("SECRET_RULES table", () => {
  it("has unique kebab-case ids, lowercase keywords, no `i` flag, and a secret group in every pattern", () => {
    const ids = SECRET_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    SECRET_RULES.forEach((rule, order) => {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      for (const keyword of rule.keywords) expect(keyword, rule.id).toBe(keyword.toLowerCase());
      expect(rule.flags ?? "", rule.id).not.toContain("i");
      expect(rule.pattern, rule.id).toMatch(/\(\?<secret>/);
      if (rule.kind === "assignment") expect(rule.pattern, rule.id).toMatch(/\(\?<name>/);
      expect(() => compileRule(order), rule.id).not.toThrow();
    });
  });

  it("writes caseless patterns in lowercase (their literal letters could never match otherwise)", () => {
    for (const rule of SECRET_RULES.filter((r) => r.caseless)) {
      // Drop escapes, classes and group names; what is left are literal letters.
      const literals = rule.pattern
        .replace(/\\./g, "")
        .replace(/\[[^\]]*\]/g, "")
        .replace(/\(\?<\w+>/g, "");
      expect(literals, rule.id).toBe(literals.toLowerCase());
    }
  });

  it("has at least one positive corpus sample per rule, found by that rule", () => {
    const samples = buildPositiveSamples();
    const missing = SECRET_RULES.filter(
      (rule) =>
        !samples.some(
          (sample) => sample.rule === rule.id && redactSecrets(sample.text).text.includes(`[REDACTED:${rule.id}]`),
        ),
    ).map((rule) => rule.id);
    expect(missing).toEqual([]);
  });
});

// Every pattern must run in linear time (V8's RegExp backtracks). For each rule, 100 KB strings built
// from its keywords and body characters, repeated with and without terminators, must all scan fast.
function adversarialInputs(keywords: readonly string[]): string[] {
  const size = 100_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const seeds = keywords.length > 0 ? keywords : ["M", "a", "0"];
  const inputs: string[] = [];
  for (const keyword of seeds.slice(0, 4)) {
    const upper = keyword.toUpperCase();
    inputs.push(
      fill(keyword),
      fill(upper),
      keyword + fill("A"),
      keyword + fill("a1"),
      upper + fill("Zz9_-"),
      fill(`${keyword}=`),
      fill(`${keyword} `),
      fill(`${keyword}=a `),
      fill(`${upper}="a`),
      fill(`${keyword}: 'a`),
      fill(`${keyword}${"a".repeat(40)}.`),
      fill(`${keyword}://a:`),
      fill(`--${keyword} `),
      fill(`<${keyword}>a`),
      `${keyword}=${fill("\\a")}`,
      `${keyword}:${fill(" ")}`,
    );
  }
  inputs.push(
    fill("-----BEGIN PRIVATE KEY-----"),
    `-----BEGIN PRIVATE KEY-----\n${fill("A")}`,
    fill("-----BEGIN RSA PRIVATE KEY-----\nMIIE"),
    fill("eyJ"),
    fill("eyJa.eyJa."),
    `eyJ${fill("a")}`,
    fill("://a:"),
    `://a:${fill("@")}`,
    fill("a@"),
    fill("mysql -p"),
    fill("mysql "),
    fill("curl -u a:"),
    fill("password=a;"),
    fill(";password="),
    fill("Private-Lines: 1\n"),
    fill("1234567890:AA"),
    fill("0123456789abcdef"),
    fill("Authorization: Bearer "),
    fill('\\"'),
    fill("sk-"),
  );
  return inputs;
}

function timeScan(regex: RegExp, text: string): number {
  const start = performance.now();
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    if (match[0].length === 0) regex.lastIndex++;
  }
  return performance.now() - start;
}

describe("pattern complexity", () => {
  it("scans 100 KB adversarial strings for every rule in well under a second in total", () => {
    let total = 0;
    let slowest = { id: "", ms: 0, input: "" };
    SECRET_RULES.forEach((rule, order) => {
      const { regex } = compileRule(order);
      for (const input of adversarialInputs(rule.keywords)) {
        const text = rule.caseless ? input.toLowerCase() : input;
        const ms = Math.min(timeScan(regex, text), timeScan(regex, text));
        total += ms;
        if (ms > slowest.ms) slowest = { id: rule.id, ms, input: input.slice(0, 40) };
        if (ms > 8) console.log(rule.id, ms.toFixed(1), JSON.stringify(input.slice(0, 30)));
      }
    });
    console.log(
      `adversarial: ${SECRET_RULES.length} rules, total ${total.toFixed(1)} ms; slowest ${slowest.id} ${slowest.ms.toFixed(1)} ms on ${JSON.stringify(slowest.input)}…`,
    );
    expect(total).toBeLessThan(1000);
  });

  it("redacts every adversarial string through the whole pipeline quickly", () => {
    const inputs = adversarialInputs(["password", "token", "key", "secret", "auth"]);
    const start = performance.now();
    for (const input of inputs) redactSecrets(input);
    const ms = performance.now() - start;
    console.log(`adversarial pipeline: ${inputs.length} × 100 KB in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(2000);
  });
});
