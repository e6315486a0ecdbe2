/**
 * How strongly an identifier says "secret":
 * - `password`: a password, passphrase or secret; any literal value is redacted, even a short word;
 * - `token`: a key, token or credential; the value must also look random (`secret-value.ts`);
 * - `weak`: the bare name `key`, which is as often a lookup key; random-looking values only, even in JSON.
 */
export type SecretNameClass = "password" | "token" | "weak";

/** A set of the space-separated words of `list` (word lists stay compact in the source). */
export function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(" "));
}

const PASSWORD_WORDS = wordSet("password passwd passphrase passcode pwd pass secret pw");
const PASSWORD_SUFFIXES = ["password", "passwd", "passphrase", "secret"];
// `dbpass`, `rootpwd`; not `bypass`, `compass`.
const SHORT_PASSWORD_PREFIXES = wordSet("db root admin user sql mysql pg redis smtp mail ftp ldap vnc wifi app api");
const TOKEN_WORDS = wordSet("credential credentials creds auth oauth authorization jwt bearer");
// `sort_key`, `publicKey`, `monkey`: the word before `key` (or inside one word) says it is not secret.
const NON_SECRET_KEY_PREFIXES = wordSet(
  "sort primary partition cache foreign idempotency hash range row shard lookup map dict object s3 " +
    "storage bucket public pub unique composite natural group item message i18n translation column field " +
    "index routing dedup dedupe lock list entity table cluster secondary search query sequence element " +
    "node option config setting settings registry tag label react join parent child mon hoc tur don whis " +
    "joc lac hot turn short keyboard press shortcut state store local redis memcache dynamo verify " +
    "verification trust",
);
// The last word of a name that holds metadata about a secret, not the secret itself.
const NON_SECRET_LAST_WORDS = wordSet(
  "id ids name names file files filename path paths dir directory url uri urls endpoint host hostname " +
    "port count type types length len size limit limits min max usage expiry expires expiration expire " +
    "ttl timeout format header headers env var vars variable prefix suffix hint field label policy kind " +
    "mode version ver algorithm alg ref arn location source provider required enabled enable disabled " +
    "rotation regex regexp pattern description desc help placeholder message msg error errors valid " +
    "validator validation schema store manager index column at exists budget cost used remaining total " +
    "window param params parameter method methods strategy scope scopes stdin command cmd helper created " +
    "updated changed reset option options flag issuer audience lifetime duration age user username login " +
    "email encoding iterations rounds generator chars style class icon button input form dialog modal " +
    "page screen view component test tests spec mock fixture example sample template",
);

/** The lowercase words of an identifier: `AWS_SECRET_ACCESS_KEY`, `apiKey`, `x-api-key`, `spring.datasource.password`. */
export function nameWords(name: string): string[] {
  const out: string[] = [];
  let word = "";
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    const kind = charKind(c);
    if (kind === NONE) {
      if (word !== "") out.push(word);
      word = "";
      continue;
    }
    // A word starts at `aB`/`1B` (camelCase) and at the last capital of `APIKey`.
    const previous = charKind(name[i - 1] ?? "");
    const camel = kind === UPPER && (previous === LOWER || previous === DIGIT);
    const acronymEnd = kind === UPPER && previous === UPPER && charKind(name[i + 1] ?? "") === LOWER;
    if ((camel || acronymEnd) && word !== "") {
      out.push(word);
      word = "";
    }
    word += c.toLowerCase();
  }
  if (word !== "") out.push(word);
  return out;
}

const NONE = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;

function charKind(c: string): number {
  if (c >= "a" && c <= "z") return LOWER;
  if (c >= "A" && c <= "Z") return UPPER;
  if (c >= "0" && c <= "9") return DIGIT;
  return NONE;
}

// Large texts repeat the same few names (`token`, `max_tokens`); a small memo saves the splitting.
const MEMO_LIMIT = 512;
const memo = new Map<string, SecretNameClass | null>();

/** The class of a secret-looking identifier, or undefined when the name does not say "secret". */
export function classifySecretName(name: string): SecretNameClass | undefined {
  const cached = memo.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const nameClass = classifyWords(nameWords(name));
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(name, nameClass ?? null);
  return nameClass;
}

function classifyWords(words: readonly string[]): SecretNameClass | undefined {
  const last = words.at(-1);
  if (last === undefined || NON_SECRET_LAST_WORDS.has(last)) return undefined;
  let found: SecretNameClass | undefined;
  for (let index = 0; index < words.length; index++) {
    const wordClass = classifyWord(words[index]!, index > 0 ? words[index - 1] : undefined);
    if (wordClass === "password") return "password";
    if (wordClass === "token" || (wordClass === "weak" && found === undefined)) found = wordClass;
  }
  return found;
}

function classifyWord(word: string, previous: string | undefined): SecretNameClass | undefined {
  if (PASSWORD_WORDS.has(word) || PASSWORD_SUFFIXES.some((suffix) => word.endsWith(suffix))) return "password";
  for (const short of ["pass", "pwd"]) {
    if (word.endsWith(short) && SHORT_PASSWORD_PREFIXES.has(word.slice(0, -short.length))) return "password";
  }
  if (TOKEN_WORDS.has(word) || word.endsWith("token") || word.endsWith("apikey")) return "token";
  if (word.endsWith("key")) {
    const prefix = word.length > 3 ? word.slice(0, -3) : previous;
    if (prefix === undefined) return "weak";
    return NON_SECRET_KEY_PREFIXES.has(prefix) ? undefined : "token";
  }
  return undefined;
}
