// Route resolution, pure: which agent answers a chat / person on an instance, and why.
// Rules (../shared/API.md "Route resolution"): among the instance's ACTIVE routes, a chat-scope
// route for the chat beats a user-scope route for the person; within a scope the higher
// priority wins; on a tie the most recently updated wins (and the answer says so). With no
// route the instance's default agent answers; else nobody.

export type RouteScope = "chat" | "user";

export type RouteCandidateInput = {
  id: string;
  scope: RouteScope;
  chatId: string | null;
  personId: string | null;
  agentId: string;
  priority: number;
  active: boolean;
  updatedAt: Date;
  label?: string | null;
};

export type ResolutionInput = {
  chatId?: string | null;
  personId?: string | null;
  /** the instance's routes; those not for this chat / person are ignored */
  routes: readonly RouteCandidateInput[];
  defaultAgentId?: string | null;
};

export type ResolutionSource = "chat" | "user" | "instanceDefault" | "none";

export type CandidateVerdict = {
  routeId: string;
  scope: RouteScope;
  priority: number;
  active: boolean;
  chosen: boolean;
  reason: string;
  label: string | null;
  agentId: string;
  updatedAt: string;
  /** true when a higher-priority active route for the same target shadows it for good */
  neverWins: boolean;
};

export type ResolutionWarning = {
  /** noIdentity: a person route where the person has no identity on the instance (added by the service) */
  kind: "tie" | "neverWins" | "noIdentity";
  routeIds: string[];
  message: string;
};

export type Resolution = {
  source: ResolutionSource;
  routeId: string | null;
  agentId: string | null;
  candidates: CandidateVerdict[];
  /** the tie the winner came out of, if any */
  tie: { scope: RouteScope; priority: number; routeIds: string[] } | null;
  warnings: ResolutionWarning[];
};

const SCOPE_RANK: Record<RouteScope, number> = { chat: 0, user: 1 };

/** Precedence order: chat before user, higher priority, more recently updated, then id (stable). */
export function compareRoutes(a: RouteCandidateInput, b: RouteCandidateInput): number {
  return (
    SCOPE_RANK[a.scope] - SCOPE_RANK[b.scope] ||
    b.priority - a.priority ||
    b.updatedAt.getTime() - a.updatedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const name = (r: RouteCandidateInput) => (r.label ? `"${r.label}"` : `route ${r.id.slice(0, 8)}`);
const targetWord = (s: RouteScope) => (s === "chat" ? "chat" : "person");

function isCandidate(r: RouteCandidateInput, chatId: string | null, personId: string | null): boolean {
  if (r.scope === "chat") return chatId !== null && r.chatId === chatId;
  return personId !== null && r.personId === personId;
}

export function resolveRoute(input: ResolutionInput): Resolution {
  const chatId = input.chatId ?? null;
  const personId = input.personId ?? null;
  const considered = input.routes.filter((r) => isCandidate(r, chatId, personId)).sort(compareRoutes);
  const active = considered.filter((r) => r.active);
  const winner = active[0] ?? null;

  const warnings: ResolutionWarning[] = [];
  const neverWins = new Set<string>();
  const tieLosers = new Set<string>();
  let tie: Resolution["tie"] = null;

  // Per scope group (one chat, one person): the top active route(s) shadow the rest for good.
  for (const scope of ["chat", "user"] as const) {
    const group = active.filter((r) => r.scope === scope);
    if (!group.length) continue;
    const top = group[0];
    const tied = group.filter((r) => r.priority === top.priority);
    if (tied.length > 1) {
      for (const r of tied.slice(1)) tieLosers.add(r.id);
      const ids = tied.map((r) => r.id);
      if (winner && winner.id === top.id) tie = { scope, priority: top.priority, routeIds: ids };
      warnings.push({
        kind: "tie",
        routeIds: ids,
        message:
          `${tied.length} active ${scope} routes for this ${targetWord(scope)} tie at priority ${top.priority} ` +
          `(${tied.map(name).join(", ")}); the most recently updated, ${name(top)}, wins. ` +
          `Give one a higher priority to make the choice explicit.`,
      });
    }
    for (const r of group) {
      if (r.priority < top.priority) {
        neverWins.add(r.id);
        warnings.push({
          kind: "neverWins",
          routeIds: [r.id, top.id],
          message: `${name(r)} can never win: ${name(top)} for the same ${targetWord(scope)} has a higher priority (${top.priority} > ${r.priority}).`,
        });
      }
    }
  }

  const candidates: CandidateVerdict[] = considered.map((r) => {
    const chosen = winner?.id === r.id;
    let reason: string;
    if (chosen) {
      reason = `Chosen: the active ${r.scope} route with the highest priority (${r.priority})` +
        (r.scope === "chat" ? "; chat routes take precedence over user routes." : ", and no active chat route matches.");
      if (tie) reason += ` It tied with ${tie.routeIds.length - 1} other route(s) at that priority and was updated most recently.`;
    } else if (!r.active) {
      reason = "Inactive: not considered until it is activated.";
    } else if (winner && winner.scope === "chat" && r.scope === "user") {
      reason = "Not chosen: an active chat route for this chat takes precedence over user routes.";
    } else if (tieLosers.has(r.id)) {
      reason = `Not chosen: tied at priority ${r.priority}, and another tied route was updated more recently.`;
    } else {
      const top = active.find((a) => a.scope === r.scope)!;
      reason = `Not chosen: priority ${r.priority} is below ${name(top)}'s ${top.priority}.`;
    }
    return {
      routeId: r.id,
      scope: r.scope,
      priority: r.priority,
      active: r.active,
      chosen,
      reason,
      label: r.label ?? null,
      agentId: r.agentId,
      updatedAt: r.updatedAt.toISOString(),
      neverWins: neverWins.has(r.id),
    };
  });

  if (winner) {
    return { source: winner.scope, routeId: winner.id, agentId: winner.agentId, candidates, tie, warnings };
  }
  if (input.defaultAgentId) {
    return { source: "instanceDefault", routeId: null, agentId: input.defaultAgentId, candidates, tie: null, warnings };
  }
  return { source: "none", routeId: null, agentId: null, candidates, tie: null, warnings };
}
