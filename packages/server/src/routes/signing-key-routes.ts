import { orderActiveSigningKeys, type SigningKeyRepository, type SigningKeyRow } from "@warden/core";
import type { SigningKeyV1 } from "@warden/protocol";
import { createSigningKey, ensureSigningKeys } from "../bundles/ensure-signing-key.ts";
import { purgeRetiredPrivateKeys } from "../bundles/signing-keyring.ts";
import { HttpError, notFound } from "../http-error.ts";
import { callerOf, created, defineRoute, ok, type RouteInput } from "./route.ts";

/** A signing key as the API shows it (never the private key); `signerId` is the key that signs now. */
export function publicSigningKey(row: SigningKeyRow, signerId: string | null): SigningKeyV1 {
  return {
    keyId: row.id,
    publicKeyPem: row.publicKeyPem,
    createdAt: row.createdAt,
    signing: row.id === signerId,
    retiredAt: row.retiredAt,
  };
}

/** Runs one rotation step on key `:id` in a transaction with its activity entry. */
function rotationStep(
  action: "promote" | "retire",
  step: (input: {
    key: SigningKeyRow;
    signer: SigningKeyRow | null;
    at: string;
    keys: SigningKeyRepository;
  }) => Promise<{ changed: boolean; details: Record<string, unknown> }>,
) {
  return async (input: RouteInput<unknown>) => {
    const { actor } = callerOf(input);
    const id = input.params.id!;
    const at = input.services.now().toISOString();
    const key = await input.services.store.transaction(async (tx) => {
      const found = await tx.signingKeys.getSigningKey(id);
      if (found === null) throw notFound("signing key", id);
      if (found.retiredAt !== null) {
        throw new HttpError(
          "conflict",
          `signing key ${id} was retired at ${found.retiredAt}; retired keys stay retired`,
        );
      }
      const [signer] = await tx.signingKeys.listActiveSigningKeys();
      const { changed, details } = await step({ key: found, signer: signer ?? null, at, keys: tx.signingKeys });
      if (changed) {
        await tx.activity.appendActivity({
          actor,
          action: `signing_key.${action}`,
          targetType: "signing_key",
          targetId: id,
          beforeRevision: null,
          afterRevision: null,
          details,
        });
      }
      return (await tx.signingKeys.getSigningKey(id))!;
    });
    await purgeRetiredPrivateKeys(input.services.store, input.services.now());
    const [signer] = await input.services.store.signingKeys.listActiveSigningKeys();
    return ok(publicSigningKey(key, signer?.id ?? null));
  };
}

/** The bundle signing keys: published for agents, and rotated by admins (add, promote, retire). */
export const SIGNING_KEY_ROUTES = [
  defineRoute({
    method: "GET",
    path: "/v1/signing-keys",
    summary:
      "The active bundle signing keys (public), the signer first; `retired=true` adds the retired ones. Also deletes the private keys of keys retired more than 30 days ago",
    tag: "devices",
    permission: null,
    query: [{ name: "retired", description: "true: list retired keys too (after the active ones)", type: "string" }],
    success: { status: 200, description: "{data: [{keyId, publicKeyPem, createdAt, signing, retiredAt}]}" },
    async handle({ query, services }) {
      const retired = query.get("retired");
      if (retired !== null && retired !== "true" && retired !== "false") {
        throw new HttpError("invalid_request", "retired: expected true or false", { retired });
      }
      await purgeRetiredPrivateKeys(services.store, services.now());
      const active = await ensureSigningKeys(services.store.signingKeys);
      const listed =
        retired === "true"
          ? [...active, ...(await services.store.signingKeys.listSigningKeys()).filter((k) => k.retiredAt !== null)]
          : active;
      return ok({ data: listed.map((key) => publicSigningKey(key, active[0]!.id)) });
    },
  }),
  defineRoute({
    method: "POST",
    path: "/v1/signing-keys",
    summary:
      "Add a bundle signing key (rotation, step 1): trusted at once, so bundles announce it to agents, but it signs only once promoted",
    tag: "devices",
    permission: "signing-keys:write",
    success: {
      status: 201,
      description: "the new key {keyId, publicKeyPem, createdAt, signing: false, retiredAt: null}",
    },
    async handle(input) {
      const { actor } = callerOf(input);
      const { store } = input.services;
      const key = await store.transaction(async (tx) => {
        const made = await createSigningKey(tx.signingKeys);
        await tx.activity.appendActivity({
          actor,
          action: "signing_key.create",
          targetType: "signing_key",
          targetId: made.id,
          beforeRevision: null,
          afterRevision: null,
          details: {},
        });
        return made;
      });
      await purgeRetiredPrivateKeys(store, input.services.now());
      const [signer] = orderActiveSigningKeys(await store.signingKeys.listSigningKeys());
      return created(publicSigningKey(key, signer?.id ?? null));
    },
  }),
  defineRoute({
    method: "POST",
    path: "/v1/signing-keys/:id/promote",
    summary:
      "Make an active key the one that signs bundles (rotation, step 2); the previous signer stays trusted and endorses bundles until retired",
    tag: "devices",
    permission: "signing-keys:write",
    errors: ["not_found", "conflict"],
    success: { status: 200, description: "the key, now {signing: true}" },
    handle: rotationStep("promote", async ({ key, signer, at, keys }) => {
      if (signer?.id === key.id && key.signingSince !== null) return { changed: false, details: {} };
      await keys.promoteSigningKey(key.id, at);
      return { changed: true, details: { previousSignerId: signer?.id ?? null } };
    }),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/signing-keys/:id/retire",
    summary:
      "Retire a key (rotation, step 3): bundles stop listing it, so agents drop it on their next sync; it still endorses bundles for 30 days so agents that only pin it can follow, then its private key is deleted (its public key stays). Not the signer (409)",
    tag: "devices",
    permission: "signing-keys:write",
    errors: ["not_found", "conflict"],
    success: { status: 200, description: "the key with its retiredAt" },
    handle: rotationStep("retire", async ({ key, signer, at, keys }) => {
      if (signer?.id === key.id) {
        throw new HttpError(
          "conflict",
          `signing key ${key.id} signs bundles now; promote another key (POST /v1/signing-keys/{id}/promote) before retiring it`,
        );
      }
      await keys.retireSigningKey(key.id, at);
      return { changed: true, details: { signerId: signer?.id ?? null } };
    }),
  }),
];
