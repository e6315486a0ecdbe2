import type { AuditEventV1, AuditIngestResponseV1 } from "@warden/protocol";

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

/** A sender that POSTs `{events}` to `<server>/v1/audit/events` with a Bearer API key. */
export function httpAuditSender(server: string, token: string, timeoutMs = 30_000): AuditSender {
  const url = new URL("/v1/audit/events", server).href;
  return async (events) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ events }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new TransportError(`cannot reach ${url} (${cause})`, true);
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
      throw new TransportError(`${url} answered ${response.status}: ${message}`, retryable, response.status);
    }
    return JSON.parse(text) as AuditIngestResponseV1;
  };
}
