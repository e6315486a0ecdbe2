import { HttpError } from "../http-error.ts";
import { parseWith, type Schema } from "../schema/schema.ts";

/**
 * Reads a request's JSON body under a byte limit and checks it against `schema`: 415 for a content
 * type not in `mediaTypes` (default `application/json`), 413 past the limit (before parsing
 * anything), 400 for bad JSON or a body that does not fit the schema (every issue in `details.issues`).
 */
export async function readJsonBody<T>(
  request: Request,
  schema: Schema<T>,
  maxBytes: number,
  mediaTypes: readonly string[] = ["application/json"],
): Promise<T> {
  const type = request.headers.get("content-type") ?? "";
  if (!mediaTypes.includes(type.split(";")[0]!.trim().toLowerCase())) {
    throw new HttpError(
      "unsupported_media_type",
      `the request body must be JSON (Content-Type: ${mediaTypes.join(" or ")})`,
      { contentType: type || null },
    );
  }
  const text = await readLimitedText(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError("malformed_json", `the request body is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseWith(schema, value);
  if (!parsed.ok) {
    const first = parsed.issues[0]!;
    const where = first.path === "" ? "body" : first.path;
    throw new HttpError("invalid_request", `${where}: ${first.message}`, { issues: parsed.issues });
  }
  return parsed.value;
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError("payload_too_large", `the request body is larger than the limit of ${maxBytes} bytes`, {
    limitBytes: maxBytes,
  });
}

/** The body's bytes; 413 as soon as it passes `maxBytes` (a lying Content-Length included). */
export async function readLimitedBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text, read by {@link readLimitedBytes}. */
async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  const bytes = await readLimitedBytes(request, maxBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError("malformed_json", "the request body is not valid UTF-8");
  }
}
