// Anything under /api/v1 that no handler serves: a JSON 404 in the contract's shape.
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";

const unknown = apiRoute<{ slug: string[] }>(async ({ req }) => {
  throw new AppError("NOT_FOUND", `No endpoint ${req.method} ${req.nextUrl.pathname}.`);
}, { auth: false });

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
