// Which values inside an audit snapshot are a person's personal data, and whose (pure).
// A snapshot object is an identity when it has `platformUserId` (its subject is the identity's id);
// it is a person when it has one of the person fields (its subject is its `id`, or the event's
// target person for a top-level `person.update` diff, which names only the changed fields).
// Everything else (ids, routes, keys, users, agents) is left as is.

/** A person's own personal fields, as they appear in person snapshots. */
export const PERSON_FIELDS = ["displayName", "primaryPhone", "primaryEmail", "avatarUrl", "metadata"] as const;
/** An identity's personal fields: platform id, username, picture and presence. */
export const IDENTITY_FIELDS = ["platformUserId", "platformUsername", "profilePicUrl", "messageCount", "firstSeenAt", "lastSeenAt"] as const;

/** Replaces one personal value: `subjectId` is the person or identity it belongs to, `field` its name. */
export type FieldMapper = (subjectId: string, field: string, value: unknown) => unknown;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

function fieldsOf(o: Record<string, unknown>, fallbackSubject: string | null): { subject: string; fields: readonly string[] } | null {
  if ("platformUserId" in o) return typeof o.id === "string" ? { subject: o.id, fields: IDENTITY_FIELDS } : null;
  if (!PERSON_FIELDS.some((f) => f in o)) return null;
  const subject = typeof o.id === "string" ? o.id : fallbackSubject;
  return subject ? { subject, fields: PERSON_FIELDS } : null;
}

function walk(v: unknown, fn: FieldMapper, fallbackSubject: string | null): unknown {
  if (Array.isArray(v)) return v.map((x) => walk(x, fn, null));
  if (!isObject(v)) return v;
  const own = fieldsOf(v, fallbackSubject);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (own && own.fields.includes(k)) out[k] = x === null || x === undefined ? x : fn(own.subject, k, x);
    else out[k] = walk(x, fn, null);
  }
  return out;
}

/**
 * A copy of `snapshot` (JSON) with every non-null personal value replaced by `fn(subject, field, value)`.
 * `targetPersonId` is the subject of a top-level object without an id (a person.update diff).
 */
export function mapPersonalFields(snapshot: unknown, fn: FieldMapper, targetPersonId: string | null = null): unknown {
  return walk(snapshot, fn, targetPersonId);
}

/** The subjects (person and identity ids) whose personal values `snapshot` holds. */
export function personalSubjects(snapshot: unknown, targetPersonId: string | null = null): Set<string> {
  const out = new Set<string>();
  mapPersonalFields(snapshot, (s, _f, v) => (out.add(s), v), targetPersonId);
  return out;
}
