import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

/** How far the spool has been acknowledged by the server: every record of `deviceId` up to `seq`. */
export interface ShipCursor {
  readonly deviceId: string;
  readonly seq: number;
}

/** The cursor's file in the state directory. */
export const SHIP_CURSOR_FILE = "ship-cursor.json";

/** The saved cursor, or null when nothing was shipped yet (or the file is unreadable: re-shipping is idempotent). */
export function loadShipCursor(stateDir: string): ShipCursor | null {
  try {
    const c = JSON.parse(readFileSync(join(stateDir, SHIP_CURSOR_FILE), "utf8")) as ShipCursor;
    return typeof c.deviceId === "string" && Number.isSafeInteger(c.seq) && c.seq >= 0 ? c : null;
  } catch {
    return null;
  }
}

/** Saves the cursor atomically and durably (temp file, fsync, rename): it decides what may be deleted. */
export function saveShipCursor(stateDir: string, cursor: ShipCursor): void {
  mkdirSync(stateDir, { recursive: true, mode: 0o770 });
  const target = join(stateDir, SHIP_CURSOR_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  const fd = openSync(temp, "w", 0o660);
  try {
    try {
      writeSync(fd, `${JSON.stringify(cursor)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    throw error;
  }
}
