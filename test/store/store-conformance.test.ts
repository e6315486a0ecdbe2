// The one storage conformance suite (architecture §3): every repository, every dialect. CI runs
// the PostgreSQL half against a real server (scripts/ensure-postgres.sh); it fails, rather than
// skips, when PostgreSQL is unreachable, unless WARDEN_SKIP_POSTGRES=1.
import type { Store } from "@warden/store";
import { afterAll, beforeAll, describe, it } from "vitest";
import { auditConformance } from "./conformance-audit.ts";
import { auditChainModelConformance } from "./conformance-audit-chain-model.ts";
import { bundleGenerationConformance } from "./conformance-bundle-generation.ts";
import type { ConformanceContext } from "./conformance-context.ts";
import { deviceAuthConformance } from "./conformance-device-auth.ts";
import { deviceConformance } from "./conformance-devices.ts";
import { directoryConformance } from "./conformance-directory.ts";
import { migrationConformance } from "./conformance-migrations.ts";
import { policyConformance } from "./conformance-policies.ts";
import { steppingClock, TEST_DIALECTS, TestDatabases } from "./store-targets.ts";

describe.each(TEST_DIALECTS)("store conformance on $dialect", ({ dialect, skip }) => {
  if (skip) {
    it.skip("PostgreSQL half skipped (WARDEN_SKIP_POSTGRES=1)", () => {});
    return;
  }
  const databases = new TestDatabases(dialect);
  let store: Store | undefined;
  beforeAll(async () => {
    store = await databases.open(await databases.create(), { now: steppingClock() });
  }, 30_000);
  afterAll(() => databases.dropAll(), 30_000);

  const ctx: ConformanceContext = {
    dialect,
    databases,
    store: () => {
      if (!store) throw new Error(`the ${dialect} store did not open (see the beforeAll error above)`);
      return store;
    },
  };
  policyConformance(ctx);
  directoryConformance(ctx);
  deviceConformance(ctx);
  deviceAuthConformance(ctx);
  auditConformance(ctx);
  auditChainModelConformance(ctx);
  bundleGenerationConformance(ctx);
  migrationConformance(ctx);
});
