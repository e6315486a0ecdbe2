import type { ControlPlaneRepositories } from "@warden/core";
import { AdminActivityRepositorySql } from "./admin-activity-repository-sql.ts";
import { AuditRepositorySql } from "./audit-repository-sql.ts";
import { BundleRepositorySql } from "./bundle-repository-sql.ts";
import { CredentialRepositorySql } from "./credential-repository-sql.ts";
import { DeviceRepositorySql } from "./device-repository-sql.ts";
import { DirectoryRepositorySql } from "./directory-repository-sql.ts";
import { PolicyRepositorySql } from "./policy-repository-sql.ts";
import type { RepositoryContext } from "./repository-context.ts";
import { SigningKeyRepositorySql } from "./signing-key-repository-sql.ts";

/** Every repository bound to one connection or transaction. */
export function createRepositories(ctx: RepositoryContext): ControlPlaneRepositories {
  return {
    policies: new PolicyRepositorySql(ctx),
    directory: new DirectoryRepositorySql(ctx),
    credentials: new CredentialRepositorySql(ctx),
    devices: new DeviceRepositorySql(ctx),
    signingKeys: new SigningKeyRepositorySql(ctx),
    bundles: new BundleRepositorySql(ctx),
    audit: new AuditRepositorySql(ctx),
    activity: new AdminActivityRepositorySql(ctx),
  };
}
