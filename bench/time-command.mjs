// Runs one command N times (after warm-up runs) and prints its wall-clock times in milliseconds as JSON.
import { spawnSync } from "node:child_process";

const [runs, warmup, ...command] = process.argv.slice(2);
const [bin, ...args] = command[0] === "--" ? command.slice(1) : command;
const times = [];
for (let i = 0; i < Number(warmup) + Number(runs); i++) {
  const start = process.hrtime.bigint();
  const result = spawnSync(bin, args, { stdio: ["ignore", "ignore", "pipe"], env: process.env });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    process.stderr.write(`${bin} exited ${result.status}: ${result.stderr}\n`);
    process.exit(1);
  }
  if (i >= Number(warmup)) times.push(ms);
}
process.stdout.write(`${JSON.stringify(times)}\n`);
