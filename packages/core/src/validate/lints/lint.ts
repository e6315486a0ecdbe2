import type { TomlDocument } from "../../toml/parse-toml.ts";
import type { TomlTable } from "../../toml/toml-value.ts";
import type { Finding } from "../diagnostic-at.ts";

/** What a lint looks at: the parsed file, its table and its text. */
export interface LintInput {
  readonly file: string;
  readonly text: string;
  readonly document: TomlDocument;
  readonly table: TomlTable;
}

/** One lint: a small pure check returning warnings (severity `warning`, a stable code each). */
export type Lint = (input: LintInput) => Finding[];
