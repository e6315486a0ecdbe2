// The public surface of @warden/agent: the endpoint side (hook, spool, repo detection, OS paths).

export { detectRepo } from "./hook/detect-repo.ts";
export { HOOK_DEFAULTS, type HookOptions, parseHookOptions } from "./hook/hook-options.ts";
export { loadHookPolicy, type PolicyLoad, type PolicyLoadFailure } from "./hook/load-hook-policy.ts";
export { type HookProcess, runHook } from "./hook/run-hook.ts";
export { type FastPathServer, serveHookFastPath } from "./hook/serve-fast-path.ts";
export { writeAllSync } from "./io/write-all-sync.ts";
export { type AuditSender, deviceAuditSender, httpAuditSender, TransportError } from "./ship/audit-transport.ts";
export { loadShipCursor, SHIP_CURSOR_FILE, type ShipCursor } from "./ship/ship-cursor.ts";
export { ShipError, type ShipOptions, type ShipResult, shipSpool } from "./ship/ship-spool.ts";
export { appendSpoolRecord } from "./spool/append-spool-record.ts";
export { SpoolError, type SpoolErrorCode } from "./spool/spool-error.ts";
export { listSpoolFiles, loadSpoolState, type SpoolState } from "./spool/spool-state.ts";
export { verifySpool } from "./spool/verify-spool.ts";
export { readDeviceState, readInstalled, stateFiles, type WriteFileAtomic } from "./sync/device-state.ts";
export { type EnrollDeviceInput, enrollDevice } from "./sync/enroll-device.ts";
export { bundleFiles, type SyncOutcome, syncBundle } from "./sync/sync-bundle.ts";
export { SyncError, type SyncErrorCode } from "./sync/sync-error.ts";
