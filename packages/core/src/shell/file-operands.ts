/**
 * Which arguments of common programs are files they read or write. Each program's option syntax
 * is data, so an option value (`head -n 5`, `grep -e PAT`) is not taken for a file.
 */
import { hostOfRemote, type OptionSyntax, splitArguments } from "./host-syntax.ts";
import { interpreterInput, interpreterName } from "./interpreter-invocation.ts";
import { isShell, shellInput } from "./shell-invocation.ts";

/** How a program's operands are used. */
type Mode =
  | "read" // every operand is read
  | "write" // every operand is written (created, changed or removed)
  | "edit" // every operand is read and written
  | "move" // sources are read and removed, the last operand (or `-t DIR`) is written
  | "pattern" // the first operand is a pattern or script unless an option gives it; the rest are read
  | "copy" // sources are read, the last operand (or `-t DIR`) is written
  | "link" // the last operand is written
  | "mode" // the first operand is a mode or owner unless `--reference`; the rest are written
  | "tar"
  | "zip"
  | "unzip"
  | "compress"
  | "find"
  | "dd"
  | "none"; // only options name files

interface FileSpec extends OptionSyntax {
  readonly mode: Mode;
  /** Options whose value is a file read / written. */
  readonly reads?: readonly string[];
  readonly writes?: readonly string[];
  /** Options that give the pattern or script, so every operand is a file. */
  readonly patternOptions?: readonly string[];
  /** Options that make the program rewrite the files it reads (`sed -i`). */
  readonly inPlace?: readonly string[];
  /** Without file operands the program searches the working directory (`rg`, `grep -r`). */
  readonly searchesCwd?: readonly string[];
}

const READ: FileSpec = { mode: "read" };
const WRITE: FileSpec = { mode: "write" };
const EDITOR: FileSpec = { mode: "edit", value: "cSuiTwWs" };
const COMPRESS: FileSpec = { mode: "compress", value: "S" };
const MODE: FileSpec = { mode: "mode" };
const GREP: FileSpec = {
  mode: "pattern",
  value: "efmABCdD",
  longValue: ["--regexp", "--file", "--max-count", "--context", "--after-context", "--before-context"],
  reads: ["-f", "--file"],
  patternOptions: ["-e", "--regexp", "-f", "--file"],
  searchesCwd: ["-r", "-R", "--recursive", "--dereference-recursive"],
};
const RG: FileSpec = { ...GREP, value: "efmABCgtTjMrE", longValue: [...(GREP.longValue ?? []), "--glob", "--type"] };
const AWK: FileSpec = {
  mode: "pattern",
  value: "Fvfi",
  reads: ["-f", "--file"],
  patternOptions: ["-f", "--file"],
  inPlace: ["-i"],
};
const COPY: FileSpec = {
  mode: "copy",
  value: "tS",
  longValue: ["--target-directory", "--suffix"],
  writes: ["-t", "--target-directory"],
};

const FILES: Record<string, FileSpec> = {
  stat: { mode: "read", value: "c" },
  od: { mode: "read", value: "AjNtw" },
  head: { mode: "read", value: "nc", longValue: ["--lines", "--bytes"] },
  tail: { mode: "read", value: "ncs", longValue: ["--lines", "--bytes", "--sleep-interval"] },
  cut: { mode: "read", value: "dfcb" },
  paste: { mode: "read", value: "d" },
  sort: { mode: "read", value: "kotTS", longValue: ["--output", "--key"], writes: ["-o", "--output"] },
  uniq: { mode: "read", value: "fsw" },
  jq: { mode: "pattern", value: "L", reads: ["-f", "--from-file"], patternOptions: ["-f", "--from-file"] },
  grep: GREP,
  egrep: GREP,
  fgrep: GREP,
  rg: { ...RG, searchesCwd: ["*"] },
  ag: { ...RG, searchesCwd: ["*"] },
  ack: { ...RG, searchesCwd: ["*"] },
  sed: {
    mode: "pattern",
    value: "efl",
    longValue: ["--expression", "--file", "--line-length"],
    reads: ["-f", "--file"],
    patternOptions: ["-e", "--expression", "-f", "--file"],
    inPlace: ["-i", "--in-place"],
  },
  awk: AWK,
  gawk: AWK,
  mawk: AWK,
  nawk: AWK,
  cp: COPY,
  install: { ...COPY, value: "mogtS" },
  scp: { mode: "copy", value: "cFiJloPSDX" },
  rsync: { mode: "copy", value: "eBfMT" },
  ln: { ...COPY, mode: "link" },
  mv: { ...COPY, mode: "move" },
  shred: { mode: "write", value: "nsu" },
  touch: { mode: "write", value: "dtr", reads: ["-r", "--reference"] },
  mkdir: { mode: "write", value: "m" },
  mkfifo: { mode: "write", value: "m" },
  truncate: { mode: "write", value: "sr", reads: ["-r", "--reference"] },
  patch: {
    mode: "write",
    value: "pidoDrVFzBY",
    reads: ["-i", "--input"],
    writes: ["-o", "--output", "-d", "--directory"],
  },
  dd: { mode: "dd" },
  tar: {
    mode: "tar",
    value: "fCbTXIVgHKLN",
    longValue: ["--file", "--directory", "--files-from", "--exclude-from"],
    reads: ["-T", "--files-from", "-X", "--exclude-from"],
  },
  zip: { mode: "zip", value: "bntP" },
  unzip: { mode: "unzip", value: "dxP", writes: ["-d"] },
  find: { mode: "find" },
  curl: {
    mode: "none",
    value: "AbcCdDeEFHKmoOPQrTtuUwXxYyz",
    longValue: ["--output", "--upload-file", "--config", "--cookie-jar", "--dump-header", "--data", "--form"],
    writes: ["-o", "--output", "-c", "--cookie-jar", "-D", "--dump-header"],
    reads: ["-T", "--upload-file", "-K", "--config"],
  },
  wget: {
    mode: "none",
    value: "OoaPUeitTwQlARDIXB",
    writes: ["-O", "--output-document", "-o", "--output-file", "-a", "--append-output", "-P", "--directory-prefix"],
    reads: ["-i", "--input-file"],
  },
};
const SIMPLE: Array<[FileSpec, string]> = [
  [
    READ,
    "cat less more nl tac strings file hexdump xxd md5sum sha1sum sha256sum sha512sum cksum diff cmp comm bat ls du tree open xdg-open wc source .",
  ],
  [WRITE, "rm rmdir unlink tee"],
  [EDITOR, "vi vim nvim nano emacs code subl gedit ed sudoedit"],
  [COMPRESS, "gzip gunzip bzip2 bunzip2 xz unxz zstd unzstd"],
  [MODE, "chmod chown chgrp chattr"],
];
for (const [spec, programs] of SIMPLE) for (const program of programs.split(" ")) FILES[program] = spec;

/** Reports the files `program` reads and writes given `args` (argv without the program). */
export function fileOperands(
  program: string,
  args: readonly string[],
  read: (path: string) => void,
  write: (path: string) => void,
): void {
  const words = [program, ...args].map((value) => ({ value }));
  const script = isShell(program)
    ? shellInput(words)
    : interpreterName(program) === null
      ? null
      : interpreterInput(interpreterName(program) as string, words);
  if (script?.kind === "file") {
    read(script.word.value);
    return;
  }
  const spec = FILES[program];
  if (spec === undefined) return;
  if (spec.mode === "dd") {
    for (const a of args) {
      if (a.startsWith("if=")) read(a.slice(3));
      else if (a.startsWith("of=")) write(a.slice(3));
    }
    return;
  }
  if (spec.mode === "find") {
    findOperands(args, read, write);
    return;
  }
  const list =
    spec.mode === "tar" && args[0] !== undefined && !args[0].startsWith("-") ? [`-${args[0]}`, ...args.slice(1)] : args;
  const { operands, options } = splitArguments(list, spec);
  const edit = (path: string) => {
    read(path);
    write(path);
  };
  const has = (names: readonly string[] | undefined) => options.some(([o]) => names?.includes(o));
  const value = (names: readonly string[]) => options.find(([o]) => names.includes(o))?.[1];
  for (const [option, v] of options) {
    if (spec.reads?.includes(option)) read(v);
    if (spec.writes?.includes(option)) write(v);
    // curl `-d @file`, `-F name=@file`
    const at = v.indexOf("@");
    if (program === "curl" && (at === 0 || (at > 0 && v[at - 1] === "=")))
      read(v.slice(at + 1).split(";")[0] as string);
  }
  const files = spec.mode === "pattern" && !has(spec.patternOptions) ? operands.slice(1) : operands;
  const local = files.filter((f) => hostOfRemote(f) === null);
  switch (spec.mode) {
    case "read":
      local.forEach(read);
      return;
    case "write":
      local.forEach(write);
      return;
    case "edit":
      local.forEach(edit);
      return;
    case "pattern":
      if (local.length === 0 && (spec.searchesCwd?.includes("*") || has(spec.searchesCwd))) read(".");
      local.forEach(has(spec.inPlace) ? edit : read);
      return;
    case "copy":
    case "move":
    case "link": {
      // Positions count remote operands too (`scp host:src ./dst`); only local paths are reported.
      const isLocal = (f: string) => hostOfRemote(f) === null;
      const toDirectory = has(spec.writes);
      const targets = toDirectory || files.length < 2 ? [] : [files[files.length - 1] as string];
      const sources = toDirectory ? files : files.slice(0, -1);
      if (spec.mode !== "link") sources.filter(isLocal).forEach(spec.mode === "move" ? edit : read);
      if (spec.mode === "link" && files.length === 1 && !toDirectory) targets.push(baseName(files[0] as string));
      targets.filter(isLocal).forEach(write);
      return;
    }
    case "mode":
      (has(["--reference"]) ? local : local.slice(1)).forEach(write);
      return;
    case "tar": {
      const archive = value(["-f", "--file"]);
      if (has(["-c", "--create", "-r", "--append", "-u", "--update"])) {
        if (archive !== undefined) write(archive);
        local.forEach(read);
      } else if (has(["-x", "--extract", "--get", "-t", "--list"])) {
        if (archive !== undefined) read(archive);
        if (!has(["-t", "--list"])) write(value(["-C", "--directory"]) ?? ".");
      }
      return;
    }
    case "zip":
      if (local[0] !== undefined) write(local[0]);
      local.slice(1).forEach(read);
      return;
    case "unzip":
      if (local[0] !== undefined) read(local[0]);
      if (!has(["-d"]) && !has(["-l"])) write(".");
      return;
    case "compress":
      local.forEach(has(["-c", "--stdout", "-l", "--list", "-t", "--test"]) ? read : edit);
      return;
  }
}

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** `find PATH… EXPR`: the paths are read, or written with `-delete`; `-fprint FILE` writes FILE. */
function findOperands(args: readonly string[], read: (p: string) => void, write: (p: string) => void): void {
  let i = 0;
  while (i < args.length && /^-[HLPDO]/.test(args[i] as string)) i += args[i] === "-D" ? 2 : 1;
  const paths: string[] = [];
  for (; i < args.length && !/^[-(!,]/.test(args[i] as string); i++) paths.push(args[i] as string);
  const rest = args.slice(i);
  if (paths.length === 0) paths.push(".");
  paths.forEach(rest.includes("-delete") ? write : read);
  rest.forEach((a, k) => {
    if (/^-f(print0?|printf|ls)$/.test(a) && rest[k + 1] !== undefined) write(rest[k + 1] as string);
  });
}
