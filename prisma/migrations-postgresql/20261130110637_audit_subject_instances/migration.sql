-- AlterTable
ALTER TABLE "AuditSubject" ADD COLUMN     "subjectType" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "AuditSubjectInstance" (
    "eventId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,

    CONSTRAINT "AuditSubjectInstance_pkey" PRIMARY KEY ("eventId","subjectId","instanceId")
);

-- CreateIndex
CREATE INDEX "AuditSubjectInstance_instanceId_idx" ON "AuditSubjectInstance"("instanceId");

-- AddForeignKey
ALTER TABLE "AuditSubjectInstance" ADD CONSTRAINT "AuditSubjectInstance_eventId_subjectId_fkey" FOREIGN KEY ("eventId", "subjectId") REFERENCES "AuditSubject"("eventId", "subjectId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (hand-written): the kind and the instances of the subjects of events written before
-- this migration, read from the rows that exist now. A subject deleted since falls back to the
-- target type and the snapshots of its event (the instances of a deleted route or key, the
-- identities of a deleted person). From now on lib/audit/write-audit.ts records both in
-- the same transaction as the event. (No semicolons in these comments: the migration runner
-- splits the script at every semicolon.)
UPDATE "AuditSubject" SET "subjectType" = CASE
    WHEN EXISTS (SELECT 1 FROM "Instance" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'instance'
    WHEN EXISTS (SELECT 1 FROM "Chat" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'chat'
    WHEN EXISTS (SELECT 1 FROM "AgentRoute" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'route'
    WHEN EXISTS (SELECT 1 FROM "PlatformIdentity" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'identity'
    WHEN EXISTS (SELECT 1 FROM "Person" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'person'
    WHEN EXISTS (SELECT 1 FROM "ApiKey" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'apiKey'
    WHEN EXISTS (SELECT 1 FROM "Agent" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'agent'
    WHEN EXISTS (SELECT 1 FROM "User" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'user'
    WHEN EXISTS (SELECT 1 FROM "AuditEvent" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'auditEvent'
    ELSE COALESCE((SELECT e."targetType" FROM "AuditEvent" e WHERE e."id" = "AuditSubject"."eventId" AND e."targetId" = "AuditSubject"."subjectId"),
        (SELECT 'person' FROM "AuditEvent" e WHERE e."id" = "AuditSubject"."eventId" AND e."before" #>> '{source,id}' = "AuditSubject"."subjectId"), '')
END;

INSERT INTO "AuditSubjectInstance" ("eventId", "subjectId", "instanceId")
SELECT s."eventId", s."subjectId", s."subjectId" FROM "AuditSubject" s WHERE s."subjectType" = 'instance'
UNION SELECT s."eventId", s."subjectId", x."instanceId" FROM "AuditSubject" s JOIN "Chat" x ON x."id" = s."subjectId"
UNION SELECT s."eventId", s."subjectId", x."instanceId" FROM "AuditSubject" s JOIN "AgentRoute" x ON x."id" = s."subjectId"
UNION SELECT s."eventId", s."subjectId", x."instanceId" FROM "AuditSubject" s JOIN "PlatformIdentity" x ON x."id" = s."subjectId"
UNION SELECT s."eventId", s."subjectId", x."instanceId" FROM "AuditSubject" s JOIN "PlatformIdentity" x ON x."personId" = s."subjectId"
UNION SELECT s."eventId", s."subjectId", v #>> '{}' FROM "AuditSubject" s JOIN "ApiKey" k ON k."id" = s."subjectId"
    CROSS JOIN LATERAL jsonb_path_query(k."instanceIds", '$[*]') x(v)
    WHERE jsonb_typeof(v) = 'string'
-- deleted since: the instances named by the snapshots of the event that targets it (a route: its
-- instanceId, a key: its instanceIds, a person: the instanceId of each of its identities)
UNION SELECT s."eventId", s."subjectId", v #>> '{}' FROM "AuditSubject" s JOIN "AuditEvent" e ON e."id" = s."eventId" AND e."targetId" = s."subjectId"
    CROSS JOIN LATERAL (SELECT (CASE s."subjectType" WHEN 'route' THEN '$.instanceId' WHEN 'apiKey' THEN '$.instanceIds[*]' ELSE '$.identities[*].instanceId' END)::jsonpath) p(path)
    CROSS JOIN LATERAL (SELECT jsonb_path_query(e."before", p.path) UNION ALL SELECT jsonb_path_query(e."after", p.path)) x(v)
    WHERE s."subjectType" IN ('route', 'apiKey', 'person') AND jsonb_typeof(v) = 'string' AND NOT EXISTS (SELECT 1 FROM "AgentRoute" x WHERE x."id" = s."subjectId")
      AND NOT EXISTS (SELECT 1 FROM "ApiKey" x WHERE x."id" = s."subjectId") AND NOT EXISTS (SELECT 1 FROM "Person" x WHERE x."id" = s."subjectId")
-- a person merged away: the identities it had
UNION SELECT s."eventId", s."subjectId", v #>> '{}' FROM "AuditSubject" s JOIN "AuditEvent" e ON e."id" = s."eventId"
    CROSS JOIN LATERAL jsonb_path_query(e."before", '$.source.identities[*].instanceId') x(v)
    WHERE e."before" #>> '{source,id}' = s."subjectId" AND jsonb_typeof(v) = 'string' AND NOT EXISTS (SELECT 1 FROM "AgentRoute" x WHERE x."id" = s."subjectId")
      AND NOT EXISTS (SELECT 1 FROM "ApiKey" x WHERE x."id" = s."subjectId") AND NOT EXISTS (SELECT 1 FROM "Person" x WHERE x."id" = s."subjectId")
ON CONFLICT DO NOTHING;
