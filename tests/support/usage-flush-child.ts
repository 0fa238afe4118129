// Child process of tests/integration/usage-flush-on-exit.test.ts: records two uses of the key
// given as argv[2] (held in the buffer: OMNI_USAGE_FLUSH_MS is long), says "ready", then waits
// for a signal, as a serving process does.
import { recordKeyUse } from "../../lib/keys/usage-buffer";
import { exitGracefullyOnSignals } from "../../lib/system/shutdown";

exitGracefullyOnSignals();
recordKeyUse(process.argv[2], "10.0.0.9");
recordKeyUse(process.argv[2], "10.0.0.9");
console.log("ready");
setInterval(() => {}, 60_000);
