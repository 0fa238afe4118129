import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { systemInfo } from "@/lib/system/system-info";

export const GET = apiRoute(async () => ok(systemInfo()), { auth: false });
