import { describe, expect, it } from "vitest";
import { FakeSecrets } from "./corpus/fake-secret.ts";
import { redactSecrets } from "./redact-secrets.ts";

// Timing is printed for the README and the report; the assertions only catch gross regressions
// (a shared 2-core CI machine varies too much for a tight bound).
const LINES = [
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.\n",
  "const token = await getToken(request.headers.authorization);\n",
  'import { readFile } from "node:fs/promises"; // key handling below\n',
  "git checkout 3f786850e387550fdab836ed7e6dc881de23001b && npm install --save-dev typescript@5.9.3\n",
  "request_id=550e8400-e29b-41d4-a716-446655440000 path=/usr/local/lib/node_modules/npm/bin/npm-cli.js\n",
  '  "integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs/lEUtkjZJg8dTMkwh9rnPbH8g==",\n',
  "if (password.length < 12) throw new Error('password too short'); max_tokens: 4096\n",
  "curl https://api.github.com/repos/acme/app/releases/latest -H 'Accept: application/json'\n",
];

function megabyteOfText(): string {
  let text = "";
  for (let i = 0; text.length < 1_000_000; i++) text += LINES[(i * 7) % LINES.length];
  return text;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe("redactSecrets on large inputs", () => {
  it("scans 1 MB of code, paths, hashes and prose with no secret quickly", () => {
    const text = megabyteOfText();
    const start = performance.now();
    const first = redactSecrets(text);
    const firstMs = performance.now() - start;
    const runs: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t = performance.now();
      redactSecrets(text);
      runs.push(performance.now() - t);
    }
    console.log(`1 MB without secrets: first call ${firstMs.toFixed(1)} ms, then median ${median(runs).toFixed(1)} ms`);
    expect(first.findings).toEqual([]);
    expect(median(runs)).toBeLessThan(100);
  });

  it("finds every secret spread through 1 MB", () => {
    const f = new FakeSecrets(99);
    const secrets = Array.from({ length: 50 }, () => f.checksummed("ghp_"));
    const filler = megabyteOfText();
    const step = Math.floor(filler.length / secrets.length);
    let text = "";
    secrets.forEach((secret, i) => {
      text += `${filler.slice(i * step, (i + 1) * step)}\nexport GITHUB_TOKEN=${secret}\n`;
    });
    const start = performance.now();
    const result = redactSecrets(text);
    console.log(`1 MB with 50 secrets: ${(performance.now() - start).toFixed(1)} ms`);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(secrets.map(() => "github-token"));
    for (const secret of secrets) expect(result.text).not.toContain(secret);
  });

  it("redacts a typical tool call in microseconds once warm", () => {
    const command = "cd /home/jane/app && PGPASSWORD=hunter2 psql -h db -U app -c 'select count(*) from users'";
    for (let i = 0; i < 200; i++) redactSecrets(command);
    const start = performance.now();
    for (let i = 0; i < 2000; i++) redactSecrets(command);
    const micros = ((performance.now() - start) / 2000) * 1000;
    console.log(`typical command (${command.length} chars): ${micros.toFixed(1)} µs per call, warm`);
    expect(micros).toBeLessThan(1000);
  });
});
