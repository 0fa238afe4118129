// Next.js calls register() once when a server process starts (`npm start`, each start:cluster
// worker, the Playwright/CLI test servers, `next dev`): in the Node.js runtime it starts the
// background jobs, each running in one elected process per deployment (lib/system/leader.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The audit sealer (lib/audit/seal-chain.ts); OMNI_AUDIT_SEALER=off leaves sealing to another deployment's process
  if (process.env.OMNI_AUDIT_SEALER !== "off") (await import("./lib/audit/seal-chain")).startAuditSealer();
  // OMNI_AUDIT_RETENTION_DAYS: erase personal fields of old audit snapshots
  (await import("./lib/privacy/audit-retention")).startAuditRetention();
  // Webhook deliveries from the outbox (OMNI_WEBHOOKS=off disables). On PostgreSQL the serving
  // script has already started the worker in a thread of this process (lib/webhook-delivery/thread.ts):
  // this finds it running and starts none.
  (await import("./lib/webhook-delivery/worker")).startWebhookWorker();
}
