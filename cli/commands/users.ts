// omni users list | get | create | update | disable | enable | reset-password | revoke-sessions | delete
import { Option, type Command } from "commander";
import { ROLES } from "../../lib/auth/rules/scopes";
import { userCreateSchema, userListQuerySchema, userUpdateSchema } from "../../lib/users/schemas";
import type { User } from "../../lib/client/types";
import { action, examples } from "../action";
import { CliUsageError } from "../exit-codes";
import { clearable, defined, intArg } from "../flags";
import { details, pageFooter, table } from "../format";
import type { Io } from "../output";
import { confirm } from "../prompt";
import { checkBody } from "../validate";

const FLAGS = { email: "--email", name: "--name", role: "--role", password: "--password", disabled: "--disabled" };
type RoleName = (typeof ROLES)[number];

export const userTable = (users: User[]) =>
  table(users, [
    { header: "ID", value: (u) => u.id },
    { header: "EMAIL", value: (u) => u.email, max: 40 },
    { header: "NAME", value: (u) => u.name, max: 28 },
    { header: "ROLE", value: (u) => u.role },
    { header: "STATUS", value: (u) => (u.disabled ? "disabled" : "active") },
    { header: "SESSIONS", value: (u) => u.activeSessions },
    { header: "LAST SIGN-IN", value: (u) => u.lastSignInAt },
  ], "No users.");

export const userDetails = (u: User) =>
  details([
    ["ID", u.id],
    ["Email", u.email],
    ["Name", u.name],
    ["Role", u.role],
    ["Status", u.disabled ? "disabled" : "active"],
    ["Sign-in", `${u.authMethod}${u.twoFactorEnabled ? " + two-factor" : ""}`],
    ["Active sessions", u.activeSessions],
    ["Last sign-in", u.lastSignInAt],
    ["Created", u.createdAt],
    ["Updated", u.updatedAt],
  ]);

/** `--password-stdin` reads the password from standard input (keeps it out of the process list). */
async function passwordFrom(o: { password?: string; passwordStdin?: boolean }, io: Io): Promise<string | undefined> {
  if (o.password !== undefined && o.passwordStdin) throw new CliUsageError("Use either --password or --password-stdin, not both.");
  if (o.passwordStdin) return (await io.readStdin()).replace(/\r?\n$/, "");
  return o.password;
}

export function userCommands(users: Command, io: Io) {
  users
    .addHelpText("after", examples(
      "omni users list",
      "omni users create --email ada@example.com --name 'Ada' --role lead          # prints a setup link",
      "omni users update 3f0c…-uuid --role viewer",
      "omni users disable 3f0c…-uuid",
      "omni --json users reset-password 3f0c…-uuid | jq -r .setupUrl",
    ));

  users
    .command("list")
    .description("list dashboard users (newest first)")
    .addOption(new Option("--role <role>", "only users with this role").choices(ROLES))
    .option("--limit <n>", "page size, 1..200", intArg)
    .option("--cursor <cursor>", "continue after a previous page")
    .option("--all", "follow every page")
    .addHelpText("after", examples("omni users list", "omni users list --role admin", "omni --json users list --all | jq -r '.items[].email'"))
    .action(action(io, async (ctx, o: { role?: RoleName; limit?: number; cursor?: string; all?: boolean }) => {
      const client = ctx.client();
      const params = defined({ role: o.role, limit: o.limit, cursor: o.cursor });
      checkBody(userListQuerySchema, params, { limit: "--limit", cursor: "--cursor", role: "--role" });
      const page = o.all ? { items: await client.all(client.users.list, params), nextCursor: null } : await client.users.list(params);
      ctx.out.result(page, () => userTable(page.items) + pageFooter(page.nextCursor, page.items.length));
    }));

  users
    .command("get")
    .description("show one user")
    .argument("<id>", "user id")
    .addHelpText("after", examples("omni users get 3f0c…-uuid"))
    .action(action(io, async (ctx, id: string) => {
      const user = await ctx.client().users.get(id);
      ctx.out.result(user, () => userDetails(user));
    }));

  users
    .command("create")
    .description("add a dashboard user; without a password, prints a one-time setup link (24 h) for them")
    .requiredOption("--email <email>", "their email address (they sign in with it)")
    .addOption(new Option("--role <role>", "what they may do").choices(ROLES).makeOptionMandatory())
    .option("--name <name>", "display name")
    .option("--password <password>", "set a password now (12+ characters, hard to guess); default: a setup link")
    .option("--password-stdin", "read that password from standard input")
    .addHelpText("after", `\nRoles: admin (everything), lead (reads routes, persons, keys, audit, instances, agents, chats;\nreverts audit events), viewer (reads routes, persons, instances, agents, chats).\n` + examples(
      "omni users create --email ada@example.com --role lead --name 'Ada Lovelace'",
      "printf '%s' \"$PW\" | omni users create --email ops@example.com --role viewer --password-stdin",
    ))
    .action(action(io, async (ctx, o: { email: string; role: RoleName; name?: string; password?: string; passwordStdin?: boolean }) => {
      const body = defined({ email: o.email, role: o.role, name: o.name, password: await passwordFrom(o, io) });
      const user = await ctx.client().users.create(checkBody(userCreateSchema, body, FLAGS));
      ctx.out.result(user, () =>
        `Created ${user.role} ${user.email} (${user.id}).` +
        (user.setupUrl ? `\n\nSend them this link to choose a password (works once, until ${user.setupExpiresAt}):\n\n  ${user.setupUrl}\n` : "") +
        `\n${userDetails(user)}`);
    }));

  users
    .command("update")
    .description("change a user's name or role (a role change applies from their next request)")
    .argument("<id>", "user id")
    .option("--name <name>", "new display name (\"\" clears)")
    .addOption(new Option("--role <role>", "new role").choices(ROLES))
    .addHelpText("after", examples("omni users update 3f0c…-uuid --role lead", "omni users update 3f0c…-uuid --name ''"))
    .action(action(io, async (ctx, id: string, o: { name?: string; role?: RoleName }) => {
      const body = defined({ name: clearable(o.name), role: o.role });
      if (Object.keys(body).length === 0) throw new CliUsageError("Nothing to change: give --name or --role (disable / enable have their own commands).");
      const user = await ctx.client().users.update(id, checkBody(userUpdateSchema, body, FLAGS));
      ctx.out.result(user, () => `Updated ${user.email}.\n\n${userDetails(user)}`);
    }));

  for (const [name, disabled] of [["disable", true], ["enable", false]] as const) {
    users
      .command(name)
      .description(disabled ? "stop a user from signing in; ends all their sessions at once" : "let a disabled user sign in again")
      .argument("<id>", "user id")
      .addHelpText("after", examples(`omni users ${name} 3f0c…-uuid`))
      .action(action(io, async (ctx, id: string) => {
        const user = await ctx.client().users.update(id, { disabled });
        ctx.out.result(user, () => `${disabled ? "Disabled" : "Enabled"} ${user.email}.`);
      }));
  }

  users
    .command("reset-password")
    .description("end a user's password and sessions; prints the link where they choose a new one (24 h)")
    .argument("<id>", "user id")
    .addHelpText("after", examples("omni users reset-password 3f0c…-uuid", "omni --json users reset-password 3f0c…-uuid | jq -r .setupUrl"))
    .action(action(io, async (ctx, id: string) => {
      const r = await ctx.client().users.resetPassword(id);
      ctx.out.result(r, () => `Password reset; every session of the user has ended. Send them this link (works once, until ${r.expiresAt}):\n\n  ${r.setupUrl}`);
    }));

  users
    .command("revoke-sessions")
    .description("sign a user out everywhere")
    .argument("<id>", "user id")
    .addHelpText("after", examples("omni users revoke-sessions 3f0c…-uuid"))
    .action(action(io, async (ctx, id: string) => {
      const r = await ctx.client().users.revokeSessions(id);
      ctx.out.result(r, () => `Ended ${r.revokedSessions} session(s) of user ${r.userId}.`);
    }));

  users
    .command("delete")
    .description("delete a user permanently (disable keeps the record; delete does not)")
    .argument("<id>", "user id")
    .option("-y, --yes", "do not ask for confirmation on a terminal")
    .addHelpText("after", examples("omni users delete 3f0c…-uuid --yes"))
    .action(action(io, async (ctx, id: string, o: { yes?: boolean }) => {
      if (!o.yes && !ctx.out.json && io.stdinIsTTY && !(await confirm(`Delete user ${id} permanently?`))) {
        throw new CliUsageError("Cancelled.", {}, "CANCELLED");
      }
      const r = await ctx.client().users.delete(id);
      ctx.out.result(r, () => `Deleted user ${r.id}.`);
    }));
}
