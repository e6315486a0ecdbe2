// Runs commands N times each, interleaved (one of each per round, after warm-up rounds), and prints
// their wall-clock times in milliseconds as JSON: one array per command, in the order given.
// Interleaving puts every command under the same machine load, so their ratio is fair.
// Usage: node bench/time-command.mjs RUNS WARMUP command1 args… [--- command2 args…]…
import { spawnSync } from "node:child_process";

const [runs, warmup, ...rest] = process.argv.slice(2);
const commands = [[]];
for (const word of rest) {
  if (word === "---") commands.push([]);
  else commands.at(-1).push(word);
}
const times = commands.map(() => []);
for (let round = 0; round < Number(warmup) + Number(runs); round++) {
  commands.forEach(([bin, ...args], index) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(bin, args, { stdio: ["ignore", "ignore", "pipe"], env: process.env });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
      process.stderr.write(`${bin} exited ${result.status}: ${result.stderr}\n`);
      process.exit(1);
    }
    if (round >= Number(warmup)) times[index].push(ms);
  });
}
process.stdout.write(`${JSON.stringify(times)}\n`);
