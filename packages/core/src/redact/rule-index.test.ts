import { describe, expect, it } from "vitest";
import { ALPHABET, FakeSecrets } from "./corpus/fake-secret.ts";
import { redactSecrets } from "./redact-secrets.ts";
import { candidateRules } from "./rule-index.ts";

const ids = (lower: string) => candidateRules(lower).map((compiled) => compiled.rule.id);

describe("candidateRules", () => {
  it("selects rules by keyword, in table order, plus the rules that always run", () => {
    const selected = ids("export github_token=ghp_abc");
    expect(selected).toContain("github-token");
    expect(selected).toContain("secret-assignment");
    expect(selected).toContain("discord-bot-token");
    expect(selected).not.toContain("stripe-secret-key");
    expect(ids("git status")).toEqual(["discord-bot-token"]);
  });

  it("sees shorter keywords inside longer ones on long texts (alternation path)", () => {
    const padding = "lorem ipsum ".repeat(400);
    // `sk-ant-` is reported by the alternation; `sk-` (openai) and `sk` (twilio) start it.
    const selected = ids(`${padding} sk-ant-api03-x ${padding}`);
    expect(selected).toEqual(expect.arrayContaining(["anthropic-api-key", "openai-api-key", "twilio-api-key"]));
  });

  it("finds keywords that repeat many times in a large text", () => {
    const text = `${"token key password ".repeat(20_000)}AKIA${new FakeSecrets(3).draw(ALPHABET.base32, 16)}`;
    expect(ids(text.toLowerCase())).toEqual(expect.arrayContaining(["aws-access-key-id", "secret-assignment"]));
    expect(redactSecrets(text).findings.map((f) => f.ruleId)).toEqual(["aws-access-key-id"]);
  });

  it("runs caseless rules with the `i` flag when lowercasing changes the text's length", () => {
    // `İ` lowercases to two code units, so offsets in the lowercased text would be wrong.
    const text = "İstanbul DB_PASSWORD=hunter2 done";
    expect(text.toLowerCase().length).not.toBe(text.length);
    expect(redactSecrets(text).text).toBe("İstanbul DB_PASSWORD=[REDACTED:secret-assignment] done");
  });
});
