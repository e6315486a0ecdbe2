/** One signed bundle built for a device. */
export interface BundleRow {
  readonly deviceId: string;
  /** 1, 2, 3… per device. */
  readonly revision: number;
  /** Strong ETag of `body` (the server computes it, e.g. a sha256). */
  readonly etag: string;
  /** The signed bundle exactly as served. */
  readonly body: string;
  readonly signingKeyId: string;
  /** The policy and its revision the bundle was built from, or null when the default was empty. */
  readonly policyId: string | null;
  readonly policyRevision: number | null;
  readonly createdAt: string;
}

/** The bundles built for each device, newest revision current. */
export interface BundleRepository {
  /**
   * Stores a new revision for the device unless its current bundle has the same ETag, in which
   * case the current one is returned unchanged (`created: false`). When a concurrent put for the
   * same device took the next revision first, that one is returned with `created: false`.
   */
  putBundle(input: {
    deviceId: string;
    etag: string;
    body: string;
    signingKeyId: string;
    policyId: string | null;
    policyRevision: number | null;
  }): Promise<{ bundle: BundleRow; created: boolean }>;
  getCurrentBundle(deviceId: string): Promise<BundleRow | null>;
  /** The current bundle's revision and ETag only, for cheap `If-None-Match` checks. */
  getCurrentBundleEtag(deviceId: string): Promise<{ revision: number; etag: string } | null>;
  getBundle(deviceId: string, revision: number): Promise<BundleRow | null>;
  /**
   * A number that changes, in the same commit, with every change to what a bundle is built from
   * besides the device row: policies and revisions, users, groups, memberships, group rules, the
   * default policy, signing keys. Whoever makes the change (this process or another), so a cache
   * of ETag inputs tagged with the number read before computing them is current while it matches.
   */
  getInputsGeneration(): Promise<number>;
}
