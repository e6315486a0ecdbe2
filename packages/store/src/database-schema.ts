import type { Generated } from "kysely";

// Every time column is epoch milliseconds (INTEGER on SQLite, BIGINT on PostgreSQL, read back as
// a JS number on both); JSON columns are TEXT on both dialects.

/** `schema_migrations`: one row per applied migration. */
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface PoliciesTable {
  id: string;
  name: string;
  description: string;
  current_revision: number;
  created_at: number;
  updated_at: number;
}

export interface PolicyRevisionsTable {
  policy_id: string;
  revision: number;
  requirements_toml: string;
  managed_config_toml: string | null;
  hook_policy_toml: string | null;
  message: string;
  author_kind: string;
  author_id: string | null;
  rolled_back_from: number | null;
  created_at: number;
}

export interface UsersTable {
  id: string;
  name: string;
  display_name: string;
  created_at: number;
  external_id: string | null;
  /** 1 active, 0 deactivated (an integer on both dialects). */
  active: number;
  given_name: string | null;
  family_name: string | null;
  formatted_name: string | null;
  /** JSON: `UserEmail[]`. */
  emails: string;
  updated_at: number;
  version: number;
}

export interface GroupsTable {
  id: string;
  name: string;
  created_at: number;
  external_id: string | null;
  updated_at: number;
  version: number;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface GroupRulesTable {
  position: number;
  group_id: string;
  policy_id: string;
}

/** Single-row-per-key settings such as `default_policy_id`. */
export interface SettingsTable {
  key: string;
  value: string | null;
}

export interface PrincipalsTable {
  id: string;
  name: string;
  role: string;
  password_hash: string | null;
  created_at: number;
  disabled_at: number | null;
}

export interface ApiKeysTable {
  id: string;
  principal_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface DevicesTable {
  id: string;
  hostname: string;
  user_id: string | null;
  credential_hash: string;
  platform: string;
  agent_version: string;
  enrolled_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
}

export interface EnrollmentTokensTable {
  id: string;
  token_hash: string;
  user_id: string | null;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by_device_id: string | null;
}

export interface SigningKeysTable {
  id: string;
  public_key_pem: string;
  /** Null once purged: a retired key past its endorsement window (migration 008). */
  private_key_pem: string | null;
  created_at: number;
  /** Epoch ms the key was last made the signer (migration 005); null if it never was. */
  signing_since: number | null;
  retired_at: number | null;
}

export interface BundlesTable {
  device_id: string;
  revision: number;
  etag: string;
  body: string;
  signing_key_id: string;
  policy_id: string | null;
  policy_revision: number | null;
  created_at: number;
}

export interface AuditEventsTable {
  id: Generated<number>;
  device_id: string;
  seq: number;
  time: number;
  event: string | null;
  tool: string | null;
  decision: string;
  rule_id: string | null;
  reason: string;
  failure: string | null;
  repository: string | null;
  tier: string | null;
  user_name: string | null;
  host: string | null;
  policy_revision: string | null;
  prev_hash: string | null;
  hash: string;
  record: string;
  received_at: number;
}

export interface AuditChainHeadsTable {
  device_id: string;
  verified_seq: number;
  verified_hash: string | null;
}

/** `audit_chain_devices` (migration 005): the enrolled device each audit chain belongs to. */
export interface AuditChainDevicesTable {
  chain_id: string;
  device_id: string;
  bound_at: number;
}

export interface AuditFindingsTable {
  id: string;
  device_id: string;
  kind: string;
  seq: number;
  to_seq: number;
  detail: string;
  created_at: number;
  resolved_at: number | null;
}

export interface AdminActivityTable {
  id: string;
  at: number;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  before_revision: number | null;
  after_revision: number | null;
  details: string;
}

/** One row (`id` 1): bumped by trigger on every change to what bundles are built from (migration 006). */
export interface BundleGenerationTable {
  id: number;
  generation: number;
}

/** `server_secrets` (migration 007): the installation's secrets by name (`device-session`). */
export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: number;
}

/** `device_request_nonces` (migration 007): nonces of device-signed requests, claimed until `expires_at`. */
export interface DeviceRequestNoncesTable {
  device_id: string;
  nonce: string;
  expires_at: number;
}

/** The whole control-plane schema as Kysely sees it. */
export interface WardenDatabase {
  schema_migrations: SchemaMigrationsTable;
  policies: PoliciesTable;
  policy_revisions: PolicyRevisionsTable;
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  group_rules: GroupRulesTable;
  settings: SettingsTable;
  principals: PrincipalsTable;
  api_keys: ApiKeysTable;
  devices: DevicesTable;
  enrollment_tokens: EnrollmentTokensTable;
  signing_keys: SigningKeysTable;
  bundles: BundlesTable;
  bundle_generation: BundleGenerationTable;
  audit_events: AuditEventsTable;
  audit_chain_heads: AuditChainHeadsTable;
  audit_chain_devices: AuditChainDevicesTable;
  audit_findings: AuditFindingsTable;
  admin_activity: AdminActivityTable;
  server_secrets: ServerSecretsTable;
  device_request_nonces: DeviceRequestNoncesTable;
}
