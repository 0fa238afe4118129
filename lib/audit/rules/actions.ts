// The audit trail's vocabulary: every action an event can record, and which can be reverted.
export const AUDIT_ACTIONS = [
  "route.create", "route.update", "route.delete",
  "person.create", "person.update", "person.merge", "person.erase",
  "identity.link", "identity.unlink",
  "key.create", "key.update", "key.roll", "key.revoke", "key.delete",
  "audit.revert", "audit.retention",
  "instance.create", "instance.update", "instance.delete",
  "agent.create", "agent.update", "agent.delete",
  "user.create", "user.update", "user.disable", "user.enable", "user.delete", "user.password", "user.signout",
  "user.lockout", "user.signin", "user.twofactor",
  "webhook.create", "webhook.update", "webhook.delete", "webhook.rotate", "webhook.disable",
] as const;
/** The action names an audit event can carry (`resource.verb`). */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The actions whose events can be reverted (POST /audit/:id/revert): the person-graph changes. */
export const REVERTIBLE_ACTIONS = ["person.merge", "identity.link", "identity.unlink"] as const satisfies readonly AuditAction[];

/** True when events of `action` can be reverted. */
export const isRevertibleAction = (action: string): boolean => (REVERTIBLE_ACTIONS as readonly string[]).includes(action);


