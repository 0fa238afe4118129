// The serving process of `npm start`, forked by scripts/start.ts once migrations are applied: the
// app's HTTP server (scripts/lib/http-server.ts) on --port (default PORT, else 3000) and, when
// given, --hostname.
import { parseArgs } from "node:util";
import { serveApp } from "./lib/http-server";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  strict: true,
});

serveApp({ port: Number(values.port || process.env.PORT || 3000), hostname: values.hostname }).catch((e) => {
  console.error("Start failed:", e instanceof Error ? e.message : e);
  process.exit(1);
});
