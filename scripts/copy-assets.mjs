// Makes the compiled CLI executable after `tsc` (npm links bin files, but `node dist/...` must work too).
import { chmodSync } from "node:fs";

chmodSync(new URL("../dist/cli/main.js", import.meta.url), 0o755);
