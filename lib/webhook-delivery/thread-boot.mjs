// The webhook worker thread's first module (see thread.ts): plain JavaScript, so that it loads
// without a loader, then registers tsx (the TypeScript loader `npm start` runs under) and the
// `server-only` no-op for this thread, and imports the thread's TypeScript entry.
import { register } from "tsx/esm/api";
import "../../scripts/node/server-only-noop.mjs";

register();
await import("./thread-main.ts");
