/**
 * Classifies the commands whose output a shell or interpreter executes: downloaders (`curl x | sh`)
 * and decoders (`base64 -d`, `xxd -r`, `gunzip`, `rev`, `tr`, escape-expanding `printf`) hide the code.
 */
import type { SimpleCommand } from "./command-analysis.ts";
import { UnanalysableReason } from "./unanalysable-reason.ts";

const DOWNLOADERS = new Set([
  "curl",
  "wget",
  "fetch",
  "http",
  "https",
  "xh",
  "xhs",
  "aria2c",
  "lwp-download",
  "lwp-request",
  "GET",
  "ftp",
  "tftp",
  "nc",
  "ncat",
  "netcat",
  "socat",
]);

const ALWAYS_DECODE = new Set([
  "uudecode",
  "gunzip",
  "zcat",
  "gzcat",
  "bzcat",
  "bunzip2",
  "xzcat",
  "unxz",
  "lzcat",
  "unzstd",
  "zstdcat",
  "uncompress",
  "rev",
  "tr",
]);
const DECODE_FLAG: Record<string, RegExp> = {
  base64: /^(-[A-Za-z]*[dD][A-Za-z]*|--decode)$/,
  base32: /^(-[A-Za-z]*d[A-Za-z]*|--decode)$/,
  basenc: /^(-[A-Za-z]*d[A-Za-z]*|--decode)$/,
  gbase64: /^(-[A-Za-z]*d[A-Za-z]*|--decode)$/,
  xxd: /^-[A-Za-z]*r[A-Za-z]*$/,
  openssl: /^-d$/,
  gzip: /^(-[A-Za-z0-9]*d[A-Za-z0-9]*|--decompress)$/,
  bzip2: /^(-[A-Za-z0-9]*d[A-Za-z0-9]*|--decompress)$/,
  xz: /^(-[A-Za-z0-9]*d[A-Za-z0-9]*|--decompress)$/,
  zstd: /^(-[A-Za-z0-9]*d[A-Za-z0-9]*|--decompress)$/,
  lz4: /^(-[A-Za-z0-9]*d[A-Za-z0-9]*|--decompress)$/,
  brotli: /^(-[A-Za-z0-9]*d[A-Za-z0-9]*|--decompress)$/,
};
const ESCAPES = /\\(x[0-9A-Fa-f]|[0-7]|u[0-9A-Fa-f]|U[0-9A-Fa-f])|%b/;

/** True for a command that fetches data from the network onto its output. */
export function isDownloader(command: SimpleCommand): boolean {
  return DOWNLOADERS.has(command.program);
}

/** True for a command that decodes, decompresses or unscrambles its input or arguments. */
export function isDecoder(command: SimpleCommand): boolean {
  const { program, argv } = command;
  if (ALWAYS_DECODE.has(program)) return true;
  const flag = DECODE_FLAG[program];
  if (flag !== undefined) return argv.some((a, i) => i > 0 && flag.test(a));
  if (program === "printf") return argv.some((a, i) => i > 0 && ESCAPES.test(a));
  if (program === "echo") {
    const e = argv.findIndex((a, i) => i > 0 && /^-[neE]*e[neE]*$/.test(a));
    return e > 0 && argv.some((a, i) => i > e && ESCAPES.test(a));
  }
  return false;
}

/** The reason for executing the output of `producers`, when they download or decode it; else null. */
export function hiddenCodeReason(producers: readonly SimpleCommand[]): string | null {
  if (producers.some(isDownloader)) return UnanalysableReason.downloaded;
  if (producers.some(isDecoder)) return UnanalysableReason.decoded;
  return null;
}
