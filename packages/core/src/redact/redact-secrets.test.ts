import { describe, expect, it } from "vitest";
import { FakeSecrets } from "./corpus/fake-secret.ts";
import { mergeFindings } from "./find-secrets.ts";
import { redactJson, redactSecrets } from "./redact-secrets.ts";

const f = new FakeSecrets(7);
const github = f.checksummed("ghp_");
const jwt = `${FakeSecrets.base64url('{"alg":"HS256","typ":"JWT"}')}.${FakeSecrets.base64url('{"sub":"42"}')}.${f.b64url(43)}`;

describe("redactSecrets", () => {
  it("replaces the whole secret and keeps the name it is assigned to", () => {
    const text = `export GITHUB_TOKEN=${github} && gh repo list`;
    const result = redactSecrets(text);
    expect(result.text).toBe("export GITHUB_TOKEN=[REDACTED:github-token] && gh repo list");
    expect(result.findings).toEqual([{ ruleId: "github-token", start: 20, end: 20 + github.length }]);
    expect(text.slice(result.findings[0]!.start, result.findings[0]!.end)).toBe(github);
  });

  it("returns the text unchanged, and no findings, when there is no secret", () => {
    const text = "git commit -m 'rotate the API key docs' && npm test";
    expect(redactSecrets(text)).toEqual({ text, findings: [] });
  });

  it("merges overlapping findings into one marker named by the earliest rule", () => {
    // jwt, authorization-header and bearer-token all find the same token.
    const result = redactSecrets(`curl -H "Authorization: Bearer ${jwt}" https://api.example.com`);
    expect(result.text).toBe('curl -H "Authorization: Bearer [REDACTED:jwt]" https://api.example.com');
    expect(result.findings).toHaveLength(1);
  });

  it("merges by range: a finding inside or across another one is absorbed", () => {
    const raw = [
      { ruleId: "b", start: 5, end: 15, order: 2 },
      { ruleId: "a", start: 0, end: 10, order: 1 },
      { ruleId: "c", start: 15, end: 20, order: 0 },
      { ruleId: "d", start: 16, end: 18, order: 0 },
      { ruleId: "e", start: 30, end: 40, order: 5 },
      { ruleId: "f", start: 30, end: 40, order: 3 },
    ];
    expect(mergeFindings(raw)).toEqual([
      { ruleId: "a", start: 0, end: 15 },
      { ruleId: "c", start: 15, end: 20 },
      { ruleId: "f", start: 30, end: 40 },
    ]);
  });

  it("redacts several secrets of different kinds in one text", () => {
    const aws = `AKIA${f.draw("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`;
    const text = `AWS_ACCESS_KEY_ID=${aws} PGPASSWORD=hunter2 psql postgres://app:s3cret-Pw@db/app`;
    expect(redactSecrets(text).text).toBe(
      "AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key-id] PGPASSWORD=[REDACTED:secret-assignment] psql postgres://app:[REDACTED:database-url-password]@db/app",
    );
  });

  it("is idempotent, also when markers sit where a user name or a value was", () => {
    const texts = [
      `curl -u admin:${f.alnum(16)} https://jenkins.internal`,
      `https://deploy:${f.alnum(12)}@artifacts.example.com/x`,
      `mysql -uroot -p${f.alnum(12)} shop`,
      `{"password": "hunter2", "token": "${github}"}`,
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\n-----END RSA PRIVATE KEY-----",
      "PASSWORD=[REDACTED:secret-assignment] TOKEN=[REDACTED:github-token]",
      "postgres://user:[REDACTED:database-url-password]@db/app",
    ];
    for (const text of texts) {
      const once = redactSecrets(text).text;
      expect(redactSecrets(once)).toEqual({ text: once, findings: [] });
    }
  });

  it("keeps JSON text well-formed: a redacted value never eats a closing quote or an escape", () => {
    const text = `{"args":"{\\"api_key\\":\\"${f.alnum(32)}\\",\\"n\\":1}"}`;
    const redacted = redactSecrets(text).text;
    expect(redacted).toBe('{"args":"{\\"api_key\\":\\"[REDACTED:secret-assignment]\\",\\"n\\":1}"}');
    expect(JSON.parse(JSON.parse(redacted).args)).toEqual({ api_key: "[REDACTED:secret-assignment]", n: 1 });
  });

  it("leaves documented AWS examples, placeholders and variable references alone", () => {
    for (const text of [
      "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
      "OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      'curl -H "Authorization: Bearer $TOKEN" https://api.example.com',
      "password: ${{ secrets.DB_PASSWORD }}",
    ]) {
      expect(redactSecrets(text).findings, text).toEqual([]);
    }
  });
});

describe("redactJson", () => {
  const input = Object.freeze({
    tool: "exec_command",
    args: Object.freeze({
      command: `GITHUB_TOKEN=${github} gh pr list`,
      env: Object.freeze({ PASSWORD: "hunter2", DEBUG: "1", api_key: "abc", max_tokens: 4096 }),
      files: Object.freeze(["README.md", `token=${github}`]),
    }),
    [github]: true,
  });

  it("walks objects and arrays, redacting strings and values under secret-looking keys", () => {
    const { value, findings } = redactJson(input);
    expect(value).toEqual({
      tool: "exec_command",
      args: {
        command: "GITHUB_TOKEN=[REDACTED:github-token] gh pr list",
        env: { PASSWORD: "[REDACTED:secret-field]", DEBUG: "1", api_key: "[REDACTED:secret-field]", max_tokens: 4096 },
        files: ["README.md", "token=[REDACTED:github-token]"],
      },
      "[REDACTED:github-token]": true,
    });
    expect(findings).toBe(5);
  });

  it("never mutates its input (frozen input, fresh output)", () => {
    const before = JSON.stringify(input);
    const { value } = redactJson(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(value).not.toBe(input);
  });

  it("redacts even short values under password-like keys, but not placeholders or non-strings", () => {
    expect(redactJson({ password: "hunter2" }).value).toEqual({ password: "[REDACTED:secret-field]" });
    expect(redactJson({ db: { passwd: "abc" } }).value).toEqual({ db: { passwd: "[REDACTED:secret-field]" } });
    expect(redactJson({ password: "", token: "${GITHUB_TOKEN}", secret: "<your-secret>" }).findings).toBe(0);
    expect(redactJson({ password: true, token: null, api_key: 12345 }).value).toEqual({
      password: true,
      token: null,
      api_key: 12345,
    });
  });

  it("treats the bare name `key` as weak: only random-looking values are redacted", () => {
    const random = f.alnum(32);
    expect(redactJson({ action: "press", key: "Enter" }).value).toEqual({ action: "press", key: "Enter" });
    expect(redactJson({ key: random }).value).toEqual({ key: "[REDACTED:secret-field]" });
  });

  it("leaves metadata about secrets alone (`token_type`, `password_min_length`, `secretName`)", () => {
    const value = {
      token_type: "Bearer",
      password_min_length: "12",
      secretName: "db-credentials",
      auth_type: "oauth2",
    };
    expect(redactJson(value)).toEqual({ value, findings: 0 });
  });

  it("keeps a `__proto__` key as data and passes non-plain objects through", () => {
    const parsed = JSON.parse('{"__proto__": {"password": "hunter2"}, "when": 1}');
    const { value } = redactJson(parsed) as { value: Record<string, unknown> };
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual({ password: "[REDACTED:secret-field]" });
    const date = new Date(0);
    expect(redactJson({ date }).value).toEqual({ date });
    expect((redactJson({ date }).value as { date: Date }).date).toBe(date);
  });

  it("throws on a cycle instead of recursing forever", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => redactJson(cyclic)).toThrow(TypeError);
  });

  it("scans strings separately: a value never leaks into the next field's finding", () => {
    const { value } = redactJson({ a: "password:", b: "hunter2", c: "-----BEGIN PRIVATE KEY-----", d: "x" });
    expect(value).toEqual({ a: "password:", b: "hunter2", c: "-----BEGIN PRIVATE KEY-----", d: "x" });
  });

  it("handles scalars and empty containers", () => {
    expect(redactJson(`token=${github}`)).toEqual({ value: "token=[REDACTED:github-token]", findings: 1 });
    expect(redactJson(42)).toEqual({ value: 42, findings: 0 });
    expect(redactJson([])).toEqual({ value: [], findings: 0 });
    expect(redactJson({})).toEqual({ value: {}, findings: 0 });
  });
});
