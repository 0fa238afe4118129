// The chat-xor-person rule of a route's target, as field-level issues (no I/O).
export type RouteTargetInput = { scope?: "chat" | "user" | null; chatId?: string | null; personId?: string | null };

/**
 * The chat-xor-person rule, as field-level issues: scope "chat" needs chatId and no personId,
 * scope "user" needs personId and no chatId. Used by the schemas and by the update service on
 * the merged (stored + patch) route.
 */
export function routeTargetIssues(v: RouteTargetInput): { path: "chatId" | "personId"; message: string }[] {
  const issues: { path: "chatId" | "personId"; message: string }[] = [];
  if (v.scope === "chat") {
    if (!v.chatId) issues.push({ path: "chatId", message: "Pick the chat this route answers (required when scope is chat)." });
    if (v.personId) issues.push({ path: "personId", message: "A chat route cannot name a person; clear it or use scope user." });
  } else if (v.scope === "user") {
    if (!v.personId) issues.push({ path: "personId", message: "Pick the person this route answers (required when scope is user)." });
    if (v.chatId) issues.push({ path: "chatId", message: "A user route cannot name a chat; clear it or use scope chat." });
  }
  return issues;
}

