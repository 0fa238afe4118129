// Agent routes: the shared zod schemas for the API, the server actions, the form and the CLI.
// A route targets exactly one thing: a chat (scope "chat") or a person (scope "user").
import { z } from "zod";
import { idSchema, cursorSchema } from "../schemas/common";
import { routeTargetIssues, type RouteTargetInput } from "./rules/target-issues";

export const ROUTE_SCOPES = ["chat", "user"] as const;
export const REPLY_FILTER_MODES = ["all", "filtered"] as const;
export const ROUTE_SORT_FIELDS = ["updatedAt", "createdAt", "priority", "label", "scope", "active"] as const;

export const routeScopeSchema = z.enum(ROUTE_SCOPES, { message: 'Must be "chat" or "user".' });
export const replyFilterModeSchema = z.enum(REPLY_FILTER_MODES, { message: 'Must be "all" or "filtered".' });

export const ROUTE_TIMEOUT_MAX = 3600;
export const ROUTE_PRIORITY_LIMIT = 1_000_000;

/** A reference to another record: "Choose …" when empty (forms), "Must be a UUID." when malformed. */
const ref = (what: string) => z.string({ message: `Choose ${what}.` }).min(1, `Choose ${what}.`).pipe(idSchema);
const optText = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).nullish();
const bool = z.boolean({ message: "Must be true or false." });

/** Every field of a route, each optional: the building block of create and update. */
const routeFields = {
  instanceId: ref("an instance"),
  scope: routeScopeSchema,
  chatId: idSchema.nullish(),
  personId: idSchema.nullish(),
  agentId: ref("an agent"),
  timeout: z
    .number({ message: "Must be a whole number of seconds." })
    .int("Must be a whole number of seconds.")
    .min(1, "At least 1 second.")
    .max(ROUTE_TIMEOUT_MAX, `At most ${ROUTE_TIMEOUT_MAX} seconds.`)
    .nullish(),
  stream: bool,
  prefixSender: bool,
  waitMedia: bool,
  sendMediaPath: bool,
  gate: bool,
  gateModel: optText(100),
  gatePrompt: optText(4000),
  replyFilterMode: replyFilterModeSchema,
  label: optText(120),
  priority: z
    .number({ message: "Must be a whole number." })
    .int("Must be a whole number.")
    .min(-ROUTE_PRIORITY_LIMIT, `At least -${ROUTE_PRIORITY_LIMIT}.`)
    .max(ROUTE_PRIORITY_LIMIT, `At most ${ROUTE_PRIORITY_LIMIT}.`),
  active: bool,
};

function checkTarget(v: RouteTargetInput, ctx: z.RefinementCtx) {
  for (const i of routeTargetIssues(v)) ctx.addIssue({ code: "custom", path: [i.path], message: i.message });
}

export const routeCreateSchema = z
  .strictObject({
    ...routeFields,
    stream: bool.default(false),
    prefixSender: bool.default(false),
    waitMedia: bool.default(false),
    sendMediaPath: bool.default(false),
    gate: bool.default(false),
    replyFilterMode: replyFilterModeSchema.default("all"),
    priority: routeFields.priority.default(0),
    active: bool.default(true),
  })
  .superRefine(checkTarget);

/** PATCH: any subset of the create body. The target rule is checked again on the merged route. */
export const routeUpdateSchema = z
  .strictObject({
    instanceId: routeFields.instanceId.optional(),
    scope: routeFields.scope.optional(),
    chatId: idSchema.nullable().optional(),
    personId: idSchema.nullable().optional(),
    agentId: routeFields.agentId.optional(),
    timeout: routeFields.timeout,
    stream: bool.optional(),
    prefixSender: bool.optional(),
    waitMedia: bool.optional(),
    sendMediaPath: bool.optional(),
    gate: bool.optional(),
    gateModel: routeFields.gateModel,
    gatePrompt: routeFields.gatePrompt,
    replyFilterMode: replyFilterModeSchema.optional(),
    label: routeFields.label,
    priority: routeFields.priority.optional(),
    active: bool.optional(),
  })
  .superRefine((v, ctx) => {
    // Only what the patch itself says can be judged here; the service judges the merged route.
    if (v.scope === "chat" && v.personId) ctx.addIssue({ code: "custom", path: ["personId"], message: "A chat route cannot name a person; clear it or use scope user." });
    if (v.scope === "user" && v.chatId) ctx.addIssue({ code: "custom", path: ["chatId"], message: "A user route cannot name a chat; clear it or use scope chat." });
  });

const boolParam = z.enum(["true", "false"], { message: 'Must be "true" or "false".' }).transform((s) => s === "true");

export const routeListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  /** opaque keyset cursor: the previous page's `nextCursor` (with the same sort and order) */
  cursor: cursorSchema.optional(),
  /** offset paging for page-numbered views; ignored when a cursor is given */
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  instance: idSchema.optional(),
  scope: routeScopeSchema.optional(),
  active: boolParam.optional(),
  agent: idSchema.optional(),
  chat: idSchema.optional(),
  person: idSchema.optional(),
  /** free text, matched against the label */
  q: z.string().trim().max(200).optional(),
  /** the contract's default list order: newest first (createdAt desc, id desc) */
  sort: z.enum(ROUTE_SORT_FIELDS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  /** "true" adds `total` to the answer (one COUNT with the same filters) */
  count: boolParam.optional(),
});

export const routeTestSchema = z.strictObject({
  instanceId: idSchema,
  chatId: idSchema.nullish(),
  personId: idSchema.nullish(),
});

export type RouteScope = (typeof ROUTE_SCOPES)[number];
export type ReplyFilterMode = (typeof REPLY_FILTER_MODES)[number];
export type RouteSortField = (typeof ROUTE_SORT_FIELDS)[number];
export type RouteCreate = z.infer<typeof routeCreateSchema>;
export type RouteCreateInput = z.input<typeof routeCreateSchema>;
export type RouteUpdate = z.infer<typeof routeUpdateSchema>;
export type RouteListQuery = z.infer<typeof routeListQuerySchema>;
export type RouteTest = z.infer<typeof routeTestSchema>;
