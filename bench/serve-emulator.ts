/**
 * Serves the emulator in a process of its own for the benchmarks, so the figures measured in the
 * benchmark process (CPU, peak RSS) are ghsync's alone. Options come as one JSON argument; the
 * URL is printed on stdout once it listens.
 */
import { startEmulator, type EmulatorOptions } from "../src/emulator/index.js";

const options = JSON.parse(process.argv[2] ?? "{}") as EmulatorOptions;
const emulator = await startEmulator({ ...options, port: 0 });
process.stdout.write(`${emulator.url}\n`);
process.on("SIGTERM", () => {
  void emulator.close().then(() => process.exit(0));
});
