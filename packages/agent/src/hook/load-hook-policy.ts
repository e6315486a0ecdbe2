import { readFileSync } from "node:fs";
import { type CompiledHookPolicyV1, loadCompiledPolicy } from "@warden/core/hook-runtime";

/** Why there is no usable policy, and whether to fail closed (the policy's own flag when it is trustworthy). */
export interface PolicyLoadFailure {
  readonly code:
    | "policy_missing"
    | "policy_unreadable"
    | "policy_corrupt"
    | "policy_unsupported"
    | "policy_expired"
    | "signature_missing"
    | "signature_invalid"
    | "key_unreadable";
  readonly message: string;
  readonly failClosed: boolean;
}

/** The policy, or why the hook has none. */
export type PolicyLoad = { readonly policy: CompiledHookPolicyV1 } | { readonly failure: PolicyLoadFailure };

/** Where the policy and its verification key are. */
export interface PolicySource {
  readonly policyPath: string;
  /** A PEM Ed25519 public key; when set, `<policy>.sig` must verify against it. */
  readonly publicKeyPath: string | null;
  /** False for the default key path: a missing file there means "no key pinned". */
  readonly publicKeyRequired: boolean;
}

const MAX_POLICY_BYTES = 16 * 1024 * 1024;

function fail(code: PolicyLoadFailure["code"], message: string, failClosed = true): PolicyLoad {
  return { failure: { code, message, failClosed } };
}

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? "error";
}

/** Decodes a detached signature: 64 raw bytes, or their base64 text. */
function decodeSignature(bytes: Buffer): Buffer | null {
  if (bytes.length === 64) return bytes;
  const decoded = Buffer.from(bytes.toString("latin1").trim(), "base64");
  return decoded.length === 64 ? decoded : null;
}

function checkSignature(source: PolicySource, policyBytes: Buffer): PolicyLoad | null {
  if (source.publicKeyPath === null) return null;
  let keyText: string;
  try {
    keyText = readFileSync(source.publicKeyPath, "utf8");
  } catch (error) {
    if (!source.publicKeyRequired && errnoCode(error) === "ENOENT") return null;
    return fail(
      "key_unreadable",
      `the policy signing key ${source.publicKeyPath} cannot be read (${errnoCode(error)})`,
    );
  }
  const sigPath = `${source.policyPath}.sig`;
  let sigBytes: Buffer;
  try {
    sigBytes = readFileSync(sigPath);
  } catch (error) {
    return fail("signature_missing", `the hook policy is not signed: ${sigPath} cannot be read (${errnoCode(error)})`);
  }
  const signature = decodeSignature(sigBytes);
  if (signature === null) return fail("signature_invalid", `${sigPath} is not an Ed25519 signature`);
  let valid: boolean;
  try {
    // Loaded only when a key is pinned: `node:crypto` costs ~2.5 ms per hook start.
    const { createPublicKey, verify } = process.getBuiltinModule("node:crypto");
    valid = verify(null, policyBytes, createPublicKey(keyText), signature);
  } catch (error) {
    const why = (error as Error).message;
    return fail("key_unreadable", `the policy signing key ${source.publicKeyPath} is not usable (${why})`);
  }
  return valid ? null : fail("signature_invalid", `the hook policy's signature does not verify against the pinned key`);
}

/**
 * Reads the compiled policy the hook decides from, checking its detached Ed25519 signature when
 * a key is pinned. No readable, authentic policy ⇒ fail closed. An expired or too-new policy
 * that is authentic fails the way it says (`failClosed`), since its author chose that.
 */
export function loadHookPolicy(source: PolicySource, now: Date): PolicyLoad {
  let bytes: Buffer;
  try {
    bytes = readFileSync(source.policyPath);
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT") return fail("policy_missing", `the hook policy ${source.policyPath} does not exist`);
    return fail("policy_unreadable", `the hook policy ${source.policyPath} cannot be read (${code})`);
  }
  if (bytes.length > MAX_POLICY_BYTES) {
    return fail("policy_corrupt", `the hook policy ${source.policyPath} is larger than ${MAX_POLICY_BYTES} bytes`);
  }
  const unsigned = checkSignature(source, bytes);
  if (unsigned !== null) return unsigned;
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    return fail("policy_corrupt", `the hook policy ${source.policyPath} is not valid JSON`);
  }
  const loaded = loadCompiledPolicy(json, now);
  if ("policy" in loaded) return { policy: loaded.policy };
  const { code, message } = loaded.error;
  const own = (json as { failClosed?: unknown } | null)?.failClosed;
  const failClosed = code === "corrupt" || typeof own !== "boolean" ? true : own;
  return fail(
    `policy_${code}` as PolicyLoadFailure["code"],
    `the hook policy ${source.policyPath} is ${code}: ${message}`,
    failClosed,
  );
}
