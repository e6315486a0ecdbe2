/**
 * Writes the JSON Schema files generated from the serde declarations in packages/core:
 *   npx tsx scripts/generate-schemas.ts
 * A test fails when the checked-in files are stale.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildHookPolicyJsonSchema } from "../packages/core/src/hook-policy/hook-policy-schema.ts";
import {
  buildManagedConfigJsonSchema,
  buildRequirementsJsonSchema,
  renderJsonSchema,
} from "../packages/core/src/requirements/requirements-json-schema.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outputs = {
  "schemas/requirements.schema.json": buildRequirementsJsonSchema(),
  "schemas/managed-config.schema.json": buildManagedConfigJsonSchema(),
  "schemas/hook-policy.schema.json": buildHookPolicyJsonSchema(),
};
for (const [file, document] of Object.entries(outputs)) {
  const target = join(root, file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, renderJsonSchema(document));
  process.stdout.write(`wrote ${file}\n`);
}
