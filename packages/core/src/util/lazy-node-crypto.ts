import type * as Crypto from "node:crypto";
import { createRequire } from "node:module";

let loaded: typeof Crypto | null = null;

/**
 * `node:crypto`, loaded on first use: loading it costs about 5 ms, which every CLI start would pay
 * for code (bundle signatures) most commands never run.
 */
export function nodeCrypto(): typeof Crypto {
  loaded ??= createRequire(import.meta.url)("node:crypto") as typeof Crypto;
  return loaded;
}
