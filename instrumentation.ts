// Next.js calls register() once when a server process starts: background jobs that run in one
// process per deployment (leader election inside each) start here.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/webhook-delivery/worker")).startWebhookWorker();
}
