// Next.js calls register() once when a server process starts (`npm start`, each start:cluster
// worker, the Playwright/CLI test servers, `next dev`): in the Node.js runtime it starts the audit
// sealer loop (lib/audit/seal-chain.ts), which runs in one elected process per deployment.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.OMNI_AUDIT_SEALER === "off") return;
  const { startAuditSealer } = await import("./lib/audit/seal-chain");
  startAuditSealer();
}
