// The control plane's repository ports: the server codes against these, `@warden/store` implements them.

export type * from "./admin-activity-repository.ts";
export type * from "./audit-repository.ts";
export type * from "./bundle-repository.ts";
export type * from "./control-plane-store.ts";
export * from "./credential-repository.ts";
export type * from "./device-repository.ts";
export type * from "./directory-repository.ts";
export type * from "./page.ts";
export type * from "./policy-repository.ts";
export * from "./signing-key-repository.ts";
