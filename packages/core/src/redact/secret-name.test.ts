import { describe, expect, it } from "vitest";
import { classifySecretName, nameWords } from "./secret-name.ts";

describe("nameWords", () => {
  it.each([
    ["AWS_SECRET_ACCESS_KEY", ["aws", "secret", "access", "key"]],
    ["apiKey", ["api", "key"]],
    ["APIKey", ["api", "key"]],
    ["x-api-key", ["x", "api", "key"]],
    ["spring.datasource.password", ["spring", "datasource", "password"]],
    ["--client-secret", ["client", "secret"]],
    ["PGPASSWORD", ["pgpassword"]],
  ])("%s", (name, words) => {
    expect(nameWords(name)).toEqual(words);
  });
});

describe("classifySecretName", () => {
  it.each([
    ["PASSWORD", "password"],
    ["PGPASSWORD", "password"],
    ["db_pass", "password"],
    ["MYSQL_PWD", "password"],
    ["client_secret", "password"],
    ["SECRET_KEY_BASE", "password"],
    ["passphrase", "password"],
    ["GITHUB_TOKEN", "token"],
    ["accessToken", "token"],
    ["OPENAI_API_KEY", "token"],
    ["apikey", "token"],
    ["x-api-key", "token"],
    ["private_key", "token"],
    ["Authorization", "token"],
    ["credentials", "token"],
    ["key", "weak"],
  ] as const)("%s is %s", (name, nameClass) => {
    expect(classifySecretName(name)).toBe(nameClass);
  });

  it.each([
    "max_tokens",
    "token_count",
    "token_type",
    "tokenizer",
    "keyboard",
    "keyword",
    "monkey",
    "primary_key",
    "sort_key",
    "cacheKey",
    "publicKey",
    "AWS_ACCESS_KEY_ID",
    "private_key_id",
    "secretName",
    "secretKeyRef",
    "password_min_length",
    "TOKEN_URL",
    "SSL_KEY_FILE",
    "auth_type",
    "bypass",
    "compass",
    "author",
  ])("%s is not secret", (name) => {
    expect(classifySecretName(name)).toBeUndefined();
  });
});
