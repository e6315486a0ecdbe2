import { generateKeyPairSync } from "node:crypto";
import type { DeviceEnrollRequestV1, DeviceEnrollResponseV1 } from "@warden/protocol";
import { errorMessage, fetchServer } from "./device-fetch.ts";
import { type DeviceIdentity, stateFiles, type WriteFileAtomic } from "./device-state.ts";
import { SyncError } from "./sync-error.ts";

/** What `warden enroll` needs: the server, the one-time token, where to keep state, and what the device reports. */
export interface EnrollDeviceInput {
  readonly serverUrl: string;
  readonly token: string;
  readonly stateDir: string;
  readonly hostname: string;
  readonly platform: string;
  readonly osUser: string;
  readonly agentVersion: string;
  readonly writeFile: WriteFileAtomic;
}

/**
 * Creates the device's Ed25519 key pair, registers the device with the one-time token and pins
 * the server's signing keys. The state is written only after the server accepted the device.
 */
export async function enrollDevice(input: EnrollDeviceInput): Promise<DeviceIdentity & { pinnedKeyIds: string[] }> {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const request: DeviceEnrollRequestV1 = {
    token: input.token,
    publicKeyPem,
    hostname: input.hostname,
    platform: input.platform,
    osUser: input.osUser,
    agentVersion: input.agentVersion,
  };
  const response = await fetchServer(new URL("/v1/devices/enroll", input.serverUrl).toString(), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  if (response.status >= 500) throw new SyncError("server_error", `enrollment failed: ${await errorMessage(response)}`);
  if (!response.ok) throw new SyncError("refused", `enrollment refused: ${await errorMessage(response)}`);
  const answer = (await response.json()) as DeviceEnrollResponseV1;
  const files = stateFiles(input.stateDir);
  const identity: DeviceIdentity = {
    deviceId: answer.deviceId,
    serverUrl: input.serverUrl,
    userId: answer.userId,
    publicKeyPem,
  };
  const pinned = answer.signingKeys.map(({ keyId, publicKeyPem: pem }) => ({ keyId, publicKeyPem: pem }));
  input.writeFile(files.privateKey, privateKey.export({ type: "pkcs8", format: "pem" }).toString(), 0o600);
  input.writeFile(files.pinnedKeys, `${JSON.stringify(pinned, null, 2)}\n`, 0o644);
  input.writeFile(files.device, `${JSON.stringify(identity, null, 2)}\n`, 0o644);
  return { ...identity, pinnedKeyIds: pinned.map((key) => key.keyId) };
}
