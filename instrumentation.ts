// Next.js calls register() once when a server process starts: background jobs of the app server.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // OMNI_AUDIT_RETENTION_DAYS: erase personal fields of old audit snapshots (one process per deployment)
  const { startAuditRetention } = await import("./lib/privacy/audit-retention");
  startAuditRetention();
}
