import { describe, expect, it } from "vitest";
import {
  acceptsAssignedValue,
  acceptsFieldValue,
  isNonSecretValue,
  looksLikePath,
  looksRandom,
} from "./secret-value.ts";
import { shannonEntropy } from "./shannon-entropy.ts";

describe("shannonEntropy", () => {
  it("is 0 for empty or constant text and log2(n) for n distinct characters", () => {
    expect(shannonEntropy("")).toBe(0);
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("ab")).toBe(1);
    expect(shannonEntropy("0123456789abcdef")).toBe(4);
  });
});

describe("isNonSecretValue", () => {
  it.each([
    "true",
    "null",
    "${DB_PASSWORD}",
    "$API_KEY",
    "%API_KEY%",
    "<your-token>",
    "{{ vault_password }}",
    "xxxxxxxx",
    "********",
    "sk-...",
    "your-api-key-here",
    "replace_me",
    "op://Prod/db/password",
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:x",
    "ENC[AES256_GCM,data:x]",
    "3600",
    "1.2.3",
    "https://example.com/token",
    "/etc/ssl/private/key.pem",
    "~/.ssh/id_rsa",
    "C:\\keys\\deploy.pem",
    "[REDACTED:github-token]",
  ])("%s", (value) => {
    expect(isNonSecretValue(value, false)).toBe(true);
  });

  it("treats unquoted type names, dotted expressions and secret-named variables as code", () => {
    expect(isNonSecretValue("string", false)).toBe(true);
    expect(isNonSecretValue("req.body.password", false)).toBe(true);
    expect(isNonSecretValue("dbPassword", false)).toBe(true);
    expect(isNonSecretValue("string", true)).toBe(false);
    // After a tight `=` a single word is a literal (`password=secret`), a compound one a name.
    expect(isNonSecretValue("secret", false, true)).toBe(false);
    expect(isNonSecretValue("db-password", false, true)).toBe(true);
  });

  it("keeps real-looking passwords, including default ones", () => {
    for (const value of ["hunter2", "changeme", "s3cr3t-Pw!", "correct horse battery staple"]) {
      expect(isNonSecretValue(value, true), value).toBe(false);
    }
  });
});

describe("looksLikePath", () => {
  it("accepts paths and rejects base64 that starts with a slash", () => {
    expect(looksLikePath("/var/run/secrets/token")).toBe(true);
    expect(looksLikePath("config/secrets.json")).toBe(true);
    expect(looksLikePath("/K7MDENG/bPxRfiCYzz9Qx2LmW3vB8nT4yJ6kP0aE")).toBe(false);
  });
});

describe("looksRandom", () => {
  it.each([
    ["3f786850e387550fdab836ed7e6dc881", true],
    ["550e8400-e29b-41d4-a716-446655440000", true],
    ["aB3dE9fG2hJ4kL6mN8pQ", true],
    ["production_db_2024", false],
    ["refreshTokenValue", false],
    ["short1", false],
    ["two words here 123456", false],
    ["2026-01-01T00:00:00Z", false],
  ])("%s → %s", (value, expected) => {
    expect(looksRandom(value)).toBe(expected);
  });
});

describe("value acceptance by name class", () => {
  it("redacts any literal for passwords, only random values for tokens", () => {
    const literal = { quoted: false, codeLike: false };
    expect(acceptsAssignedValue("password", "hunter2", literal)).toBe(true);
    expect(acceptsAssignedValue("token", "hunter2", literal)).toBe(false);
    expect(acceptsAssignedValue("token", "3f786850e387550fdab836ed7e6dc881", literal)).toBe(true);
    // `password = hunter` in code is an expression: it needs to look random.
    expect(acceptsAssignedValue("password", "hunter", { quoted: false, codeLike: true })).toBe(false);
  });

  it("redacts short JSON field values for password and token names, only random ones for `key`", () => {
    expect(acceptsFieldValue("password", "abc")).toBe(true);
    expect(acceptsFieldValue("token", "abc")).toBe(true);
    expect(acceptsFieldValue("weak", "Enter")).toBe(false);
    expect(acceptsFieldValue("weak", "aB3dE9fG2hJ4kL6mN8pQ")).toBe(true);
  });
});
