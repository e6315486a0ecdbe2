import type { AdminActivityRepository } from "./admin-activity-repository.ts";
import type { AuditRepository } from "./audit-repository.ts";
import type { BundleRepository } from "./bundle-repository.ts";
import type { CredentialRepository } from "./credential-repository.ts";
import type { DeviceRepository } from "./device-repository.ts";
import type { DirectoryRepository } from "./directory-repository.ts";
import type { PolicyRepository } from "./policy-repository.ts";
import type { SigningKeyRepository } from "./signing-key-repository.ts";

/** Every repository of the control plane, bound to one connection or transaction. */
export interface ControlPlaneRepositories {
  readonly policies: PolicyRepository;
  readonly directory: DirectoryRepository;
  readonly credentials: CredentialRepository;
  readonly devices: DeviceRepository;
  readonly signingKeys: SigningKeyRepository;
  readonly bundles: BundleRepository;
  readonly audit: AuditRepository;
  readonly activity: AdminActivityRepository;
}

/** The control plane's storage as the server sees it (implemented by `@warden/store`). */
export interface ControlPlaneStore extends ControlPlaneRepositories {
  readonly dialect: "sqlite" | "postgres";
  /**
   * Runs `work` in one transaction with repositories bound to it (e.g. a policy save and its
   * activity entry); commits when it resolves, rolls back when it throws.
   */
  transaction<T>(work: (repositories: ControlPlaneRepositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
