import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLE_SCHEMA_V1, type BundleV1, signBundle } from "@warden/core";
import { afterEach, describe, expect, it } from "vitest";
import { stateFiles } from "./device-state.ts";
import { syncBundle } from "./sync-bundle.ts";

const pem = () => {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    pub: publicKey.export({ type: "spki", format: "pem" }).toString(),
    priv: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
};
const SERVER_KEY = pem();
const FORGER = pem();
const DEVICE = pem();
const write = (path: string, text: string) => writeFileSync(path, text);

let server: Server | null = null;
const dirs: string[] = [];
afterEach(() => {
  server?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function serveBody(body: string): Promise<string> {
  server = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "application/json", etag: '"e"' }).end(body),
  );
  await new Promise<void>((ready) => server!.listen(0, "127.0.0.1", ready));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
}

function enrolled(serverUrl: string, installedRevision: number | null) {
  const stateDir = mkdtempSync(join(tmpdir(), "warden-sync-"));
  const etcDir = join(stateDir, "etc");
  dirs.push(stateDir);
  const files = stateFiles(stateDir);
  write(files.device, JSON.stringify({ deviceId: "d1", serverUrl, userId: null, publicKeyPem: DEVICE.pub }));
  write(files.privateKey, DEVICE.priv);
  write(files.pinnedKeys, JSON.stringify([{ keyId: "k1", publicKeyPem: SERVER_KEY.pub }]));
  if (installedRevision !== null) write(files.installed, JSON.stringify({ revision: installedRevision, etag: null }));
  return { stateDir, etcDir };
}

const bundle = (revision: number): BundleV1 => ({
  schema: BUNDLE_SCHEMA_V1,
  deviceId: "d1",
  revision,
  issuedAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  policy: null,
  files: { requirementsToml: "x = 1\n", managedConfigToml: null, hookPolicy: null },
  keyId: "k1",
});

describe("syncBundle", () => {
  it.each([
    ["a forged signature", () => signBundle(bundle(2), FORGER.priv), null, "bad_signature"],
    ["a replayed older revision", () => signBundle(bundle(2), SERVER_KEY.priv), 3, "rollback"],
  ] as const)("refuses %s and installs nothing", async (_name, make, installed, code) => {
    const url = await serveBody(JSON.stringify(make()));
    const { stateDir, etcDir } = enrolled(url, installed);
    await expect(syncBundle({ stateDir, etcDir, now: () => new Date(), writeFile: write })).rejects.toMatchObject({
      code: "refused",
      message: expect.stringContaining(code),
    });
    expect(() => readFileSync(join(etcDir, "requirements.toml"))).toThrow();
  });

  it("installs a valid bundle", async () => {
    const url = await serveBody(JSON.stringify(signBundle(bundle(1), SERVER_KEY.priv)));
    const { stateDir, etcDir } = enrolled(url, null);
    const outcome = await syncBundle({
      stateDir,
      etcDir,
      now: () => new Date(),
      writeFile: (p, t) => {
        rmSync(p, { force: true });
        mkdirSync(join(p, ".."), { recursive: true });
        write(p, t);
      },
    });
    expect(outcome).toMatchObject({ status: "installed", revision: 1 });
    expect(readFileSync(join(etcDir, "requirements.toml"), "utf8")).toBe("x = 1\n");
  });
});

describe("syncBundle across a signing-key rotation", () => {
  const NEW_KEY = pem();
  const rotated = (): BundleV1 => ({
    ...bundle(2),
    keyId: "k2",
    trustedKeys: [{ keyId: "k2", publicKeyPem: NEW_KEY.pub }],
  });
  const installWrite = (p: string, t: string) => {
    mkdirSync(join(p, ".."), { recursive: true });
    write(p, t);
  };
  const pins = (stateDir: string) => JSON.parse(readFileSync(stateFiles(stateDir).pinnedKeys, "utf8"));

  it("pins the new key set when a pinned key endorses it", async () => {
    const signed = signBundle(rotated(), NEW_KEY.priv, [{ keyId: "k1", privateKeyPem: SERVER_KEY.priv }]);
    const { stateDir, etcDir } = enrolled(await serveBody(JSON.stringify(signed)), 1);
    const outcome = await syncBundle({ stateDir, etcDir, now: () => new Date(), writeFile: installWrite });
    expect(outcome).toMatchObject({ status: "installed", revision: 2, pins: { added: ["k2"], removed: ["k1"] } });
    expect(pins(stateDir)).toEqual([{ keyId: "k2", publicKeyPem: NEW_KEY.pub }]);
  });

  it("refuses a bundle signed only by a key it does not pin, naming the keys, and keeps its pins", async () => {
    const { stateDir, etcDir } = enrolled(await serveBody(JSON.stringify(signBundle(rotated(), NEW_KEY.priv))), 1);
    await expect(
      syncBundle({ stateDir, etcDir, now: () => new Date(), writeFile: installWrite }),
    ).rejects.toMatchObject({
      code: "refused",
      message: expect.stringMatching(/unknown_key.*signed by key "k2".*pinned: "k1"/),
    });
    expect(pins(stateDir)).toEqual([{ keyId: "k1", publicKeyPem: SERVER_KEY.pub }]);
    expect(() => readFileSync(join(etcDir, "requirements.toml"))).toThrow();
  });
});
