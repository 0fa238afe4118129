// The delivery worker: one per deployment (leader election, lib/system/leader.ts), started with
// the server (instrumentation.ts). Each tick fans the outbox out into deliveries, attempts the due
// ones, and disables endpoints failing for 24 h.
import "server-only";
import { startLeaderLoop, type LeaderLoop } from "../system/leader";
import { FAN_OUT_BATCH, fanOutOutbox } from "./fan-out";
import { runDueDeliveries } from "./run-deliveries";
import { disableFailingEndpoints } from "./disable-failing";

/** One pass of the worker (tests call it directly). */
export async function webhookTick(): Promise<void> {
  while ((await fanOutOutbox()) === FAN_OUT_BATCH);
  await runDueDeliveries();
  await disableFailingEndpoints();
}

/** Poll interval (ms): OMNI_WEBHOOK_POLL_MS, default 1000. */
const pollMs = (): number => {
  const v = Number(process.env.OMNI_WEBHOOK_POLL_MS ?? "1000");
  return Number.isFinite(v) && v >= 10 ? v : 1000;
};

const holder = globalThis as unknown as { omniWebhookWorker?: LeaderLoop };

/**
 * Starts the worker once per process (a second call returns the running loop); only the leader of
 * the deployment ticks. `OMNI_WEBHOOKS=off` does not start it.
 */
export function startWebhookWorker(): LeaderLoop | null {
  if (process.env.OMNI_WEBHOOKS === "off") return null;
  holder.omniWebhookWorker ??= startLeaderLoop({ name: "webhooks", intervalMs: pollMs(), tick: webhookTick });
  return holder.omniWebhookWorker;
}
