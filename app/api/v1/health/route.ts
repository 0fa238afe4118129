import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { healthCheck } from "@/lib/system/system-info";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const h = await healthCheck();
  return ok(h, h.db === "ok" ? 200 : 503);
}, { auth: false });
