// Next.js calls register() once when a server process starts: background jobs of the app server,
// each running in one process per deployment (leader election inside each: lib/system/leader.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // OMNI_AUDIT_RETENTION_DAYS: erase personal fields of old audit snapshots
  (await import("./lib/privacy/audit-retention")).startAuditRetention();
  // Webhook deliveries from the outbox (OMNI_WEBHOOKS=off disables)
  (await import("./lib/webhook-delivery/worker")).startWebhookWorker();
}
