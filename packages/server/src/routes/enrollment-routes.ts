import { randomBytes } from "node:crypto";
import type { DeviceEnrollResponseV1, EnrollmentTokenResponseV1 } from "@warden/protocol";
import { hashApiKeySecret } from "../auth/api-key-secret.ts";
import { deviceCredentialHash } from "../auth/device-auth.ts";
import { ensureSigningKeys } from "../bundles/ensure-signing-key.ts";
import { HttpError, notFound } from "../http-error.ts";
import { integer, nullable, object, optional, string } from "../schema/schema.ts";
import { callerOf, created, defineRoute } from "./route.ts";
import { publicSigningKey } from "./signing-key-routes.ts";

/** What every enrollment token starts with. */
const ENROLLMENT_TOKEN_PREFIX = "we_";
const DEFAULT_TOKEN_SECONDS = 86_400;
const MAX_TOKEN_SECONDS = 30 * 86_400;

const TEXT = (max: number) => string({ minLength: 1, maxLength: max });

/** Issuing enrollment tokens, and redeeming one to enrol a device. */
export const ENROLLMENT_ROUTES = [
  defineRoute({
    method: "POST",
    path: "/v1/enrollment-tokens",
    summary: "Issue a one-time, expiring enrollment token for a user's device (shown only in this answer)",
    tag: "devices",
    permission: "devices:write",
    body: object({
      user: optional(nullable(TEXT(200))),
      expiresInSeconds: optional(integer({ minimum: 60, maximum: MAX_TOKEN_SECONDS })),
    }),
    errors: ["not_found", "conflict"],
    success: { status: 201, description: "{id, token, userId, expiresAt}" },
    async handle(input) {
      const { body, services } = input;
      const { actor } = callerOf(input);
      const now = services.now();
      const token = `${ENROLLMENT_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
      const expiresAt = new Date(now.getTime() + (body.expiresInSeconds ?? DEFAULT_TOKEN_SECONDS) * 1000).toISOString();
      const row = await services.store.transaction(async (tx) => {
        let userId: string | null = null;
        if (body.user != null) {
          const user = (await tx.directory.getUser(body.user)) ?? (await tx.directory.getUserByName(body.user));
          if (user === null) throw notFound("user", body.user);
          // A deprovisioned user (SCIM active: false) enrols no new devices.
          if (!user.active)
            throw new HttpError("conflict", `user ${user.name} is deactivated; enrol no devices for them`);
          userId = user.id;
        }
        const made = await tx.devices.createEnrollmentToken({
          tokenHash: hashApiKeySecret(token),
          expiresAt,
          userId,
          createdBy: actor.id,
        });
        await tx.activity.appendActivity({
          actor,
          action: "enrollment_token.create",
          targetType: "enrollment_token",
          targetId: made.id,
          beforeRevision: null,
          afterRevision: null,
          details: { userId, expiresAt },
        });
        return made;
      });
      const answer: EnrollmentTokenResponseV1 = { id: row.id, token, userId: row.userId, expiresAt: row.expiresAt };
      return created(answer);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/v1/devices/enroll",
    summary:
      "Enrol a device with a one-time token and its Ed25519 public key; answers the signing keys to pin (401 unknown token, 410 used or expired)",
    tag: "devices",
    permission: null,
    body: object({
      token: TEXT(200),
      publicKeyPem: string({ minLength: 40, maxLength: 1000, pattern: /-----BEGIN PUBLIC KEY-----/ }),
      hostname: TEXT(253),
      platform: TEXT(100),
      osUser: TEXT(200),
      agentVersion: TEXT(100),
    }),
    errors: ["unauthenticated", "gone", "conflict"],
    success: { status: 201, description: "{deviceId, userId, signingKeys}" },
    async handle({ body, services }) {
      const keys = await ensureSigningKeys(services.store.signingKeys);
      const credentialHash = deviceCredentialHash(body.publicKeyPem);
      if ((await services.store.devices.findDeviceByCredentialHash(credentialHash)) !== null) {
        throw new HttpError("conflict", "a device with this public key is already enrolled");
      }
      const redeemed = await services.store.devices.redeemEnrollmentToken(
        hashApiKeySecret(body.token),
        { hostname: body.hostname, credentialHash, platform: body.platform, agentVersion: body.agentVersion },
        services.now().toISOString(),
      );
      if (!redeemed.ok) {
        const message = "the enrollment token is not valid (unknown, already used or expired); ask for a new one";
        throw new HttpError(redeemed.reason === "unknown" ? "unauthenticated" : "gone", message);
      }
      let { device } = redeemed;
      if (device.userId === null) {
        // A token for nobody in particular: the OS login decides, when the directory knows it.
        const user = await services.store.directory.getUserByName(body.osUser);
        if (user !== null && (await services.store.devices.assignDeviceUser(device.id, user.id))) {
          device = { ...device, userId: user.id };
        }
      }
      const answer: DeviceEnrollResponseV1 = {
        deviceId: device.id,
        userId: device.userId,
        signingKeys: keys.map((key) => publicSigningKey(key, keys[0]!.id)),
      };
      return created(answer);
    },
  }),
];
