import type { BundleV1 as WireBundle, SignedBundleV1 as WireSigned } from "@warden/protocol";
import { BUNDLE_SCHEMA_V1 as WIRE_SCHEMA } from "@warden/protocol";
import { describe, expect, expectTypeOf, it } from "vitest";
import { BUNDLE_SCHEMA_V1, type BundleV1, type SignedBundleV1 } from "./bundle-types.ts";

describe("bundle types", () => {
  it("match @warden/protocol's bundle-v1.ts", () => {
    expect(BUNDLE_SCHEMA_V1).toBe(WIRE_SCHEMA);
    expectTypeOf<BundleV1>().toEqualTypeOf<WireBundle>();
    expectTypeOf<SignedBundleV1>().toEqualTypeOf<WireSigned>();
  });
});
