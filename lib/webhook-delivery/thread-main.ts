// Runs inside the webhook worker thread (started by thread.ts): the delivery worker loop of
// worker.ts with this thread's own database pool, yielding to the write path of the whole process
// (the audited-writes counter is shared memory, handed over in workerData). Answers the parent's
// messages: "run" (one tick now), "stop" (stop the loop, close the pool, end the thread).
import "server-only";
import { parentPort, workerData } from "node:worker_threads";
import type { ThreadReply, ThreadRequest } from "./thread";

(globalThis as unknown as { omniAuditedWrites?: Int32Array }).omniAuditedWrites = (workerData as { auditedWrites: Int32Array }).auditedWrites;
const { startWebhookWorker } = await import("./worker");
const { prisma } = await import("../db");
const loop = startWebhookWorker();
const port = parentPort!;
const reply = (m: ThreadReply) => port.postMessage(m);

// the parent reads leadership without a round trip: it is told whenever it may have changed
let leader = loop?.isLeader() ?? false;
const tellLeader = () => {
  const now = loop?.isLeader() ?? false;
  if (now !== leader) reply({ type: "leader", leader: (leader = now) });
};
setInterval(tellLeader, 250).unref();

port.on("message", (m: ThreadRequest) => {
  void (async () => {
    if (m.type === "run") {
      await loop?.runNow();
      tellLeader();
      reply({ type: "ran", id: m.id });
    } else if (m.type === "stop") {
      await loop?.stop();
      await prisma.$disconnect().catch(() => {});
      reply({ type: "stopped" });
      port.close();
    }
  })();
});
reply({ type: "ready", leader });
