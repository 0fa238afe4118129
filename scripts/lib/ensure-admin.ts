// First start: create the first admin (OMNI_ADMIN_EMAIL / OMNI_ADMIN_PASSWORD, else a generated
// password printed once).
import { randomBytes } from "node:crypto";
import { systemPrincipal } from "../../lib/auth/principal";
import { countUsers, createUser } from "../../lib/users/users";

export async function ensureFirstAdmin(): Promise<void> {
  if ((await countUsers()) > 0) return;
  const email = (process.env.OMNI_ADMIN_EMAIL || "admin@omni.local").trim().toLowerCase();
  const given = process.env.OMNI_ADMIN_PASSWORD;
  const password = given || randomBytes(12).toString("base64url");
  await createUser(systemPrincipal("setup"), { email, password, role: "admin", name: "Administrator" });
  const line = "─".repeat(60);
  console.log(`\n${line}\n  Omni Admin: first admin user created\n    email:    ${email}\n    password: ${given ? "(from OMNI_ADMIN_PASSWORD)" : password}\n  ${given ? "" : "This password is shown once: store it now.\n"}${line}\n`);
}
