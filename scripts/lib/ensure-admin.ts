// First start: create the first admin (OMNI_ADMIN_EMAIL / OMNI_ADMIN_PASSWORD, else a generated
// password printed once). A given email or password must pass the same checks as any other user's
// (lib/users/schemas.ts: a valid email, the password policy).
import { randomBytes } from "node:crypto";
import { systemPrincipal } from "../../lib/auth/principal";
import { countUsers } from "../../lib/users/authenticate";
import { createUser } from "../../lib/users/create-user";
import { userCreateSchema } from "../../lib/users/schemas";
import { zodFields } from "../../lib/schemas/common";

export async function ensureFirstAdmin(): Promise<void> {
  if ((await countUsers()) > 0) return;
  const email = (process.env.OMNI_ADMIN_EMAIL || "admin@omni.local").trim().toLowerCase();
  const given = process.env.OMNI_ADMIN_PASSWORD;
  const password = given || randomBytes(15).toString("base64url");
  const parsed = userCreateSchema.safeParse({ email, password, role: "admin", name: "Administrator" });
  if (!parsed.success) {
    const why = Object.entries(zodFields(parsed.error)).map(([k, v]) => `${k === "email" ? "OMNI_ADMIN_EMAIL" : "OMNI_ADMIN_PASSWORD"}: ${v.join(" ")}`);
    throw new Error(`cannot create the first admin — ${why.join("; ")}`);
  }
  await createUser(systemPrincipal("setup"), parsed.data);
  const line = "─".repeat(60);
  console.log(`\n${line}\n  Omni Admin: first admin user created\n    email:    ${email}\n    password: ${given ? "(from OMNI_ADMIN_PASSWORD)" : password}\n  ${given ? "" : "This password is shown once: store it now.\n"}${line}\n`);
}
