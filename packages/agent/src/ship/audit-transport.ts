import type { AuditEventV1, AuditIngestResponseV1 } from "@warden/protocol";
import { type DeviceKey, deviceAuthHeaders } from "../sync/device-fetch.ts";

/** The ingest route. */
const AUDIT_EVENTS_PATH = "/v1/audit/events";

/** Sends one batch to the server; throws a {@link TransportError} when it was not acknowledged. */
export type AuditSender = (events: readonly AuditEventV1[]) => Promise<AuditIngestResponseV1>;

/** Why a batch was not acknowledged; `retryable` for network errors, 5xx, 408 and 429. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

/** A sender that POSTs `{events}` to `<server>/v1/audit/events` with a Bearer API key (`audit:write`). */
export function httpAuditSender(server: string, token: string, timeoutMs = 30_000): AuditSender {
  return postingSender(server, timeoutMs, () => ({ authorization: `Bearer ${token}` }));
}

/**
 * A sender that POSTs `{events}` to `<server>/v1/audit/events` signed with the enrolled device's
 * key (`warden enroll`), each attempt with a fresh timestamp and nonce: no API key on the endpoint.
 */
export function deviceAuditSender(server: string, key: DeviceKey, timeoutMs = 30_000): AuditSender {
  return postingSender(server, timeoutMs, (path, body) => deviceAuthHeaders("POST", path, body, key));
}

function postingSender(
  server: string,
  timeoutMs: number,
  authHeaders: (path: string, body: string) => Record<string, string>,
): AuditSender {
  const url = new URL(AUDIT_EVENTS_PATH, server);
  return async (events) => {
    const body = JSON.stringify({ events });
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { ...authHeaders(url.pathname, body), "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new TransportError(`cannot reach ${url.href} (${cause})`, true);
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 500);
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // not JSON: keep the text
      }
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      throw new TransportError(`${url.href} answered ${response.status}: ${message}`, retryable, response.status);
    }
    return JSON.parse(text) as AuditIngestResponseV1;
  };
}
