// Made on first use, so loading this module allocates nothing.
let sleeper: Int32Array | undefined;

/** Blocks the thread for `ms` (the hook is synchronous after reading stdin). */
export function sleepSync(ms: number): void {
  sleeper ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(sleeper, 0, 0, ms);
}
