// The Audit browser's filters as the address holds them (dates as UTC days, yyyy-mm-dd) → the
// /api/v1/audit query (ISO bounds, whole days inclusive). Pure: the server page and the browser's
// export links both use it, so the list shown and the file exported are the same set.

/** The browser's filters; "" means "not filtered". `subject` a target or person id. */
export type AuditBrowserFilters = { action: string; actorId: string; subject: string; from: string; to: string };

/** The API query for `f`: only the set filters, `from` at 00:00:00.000Z and `to` at 23:59:59.999Z. */
export function auditQueryOf(f: AuditBrowserFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.action) q.action = f.action;
  if (f.actorId) q.actorId = f.actorId;
  if (f.subject.trim()) q.targetId = f.subject.trim();
  if (f.from) q.from = `${f.from}T00:00:00.000Z`;
  if (f.to) q.to = `${f.to}T23:59:59.999Z`;
  return q;
}
