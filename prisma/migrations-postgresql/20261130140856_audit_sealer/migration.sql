-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chainSeq" INTEGER,
ADD COLUMN     "contentHash" TEXT,
ADD COLUMN     "txid" TEXT,
ALTER COLUMN "hash" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chainSeq_key" ON "AuditEvent"("chainSeq");

-- CreateIndex
CREATE INDEX "AuditEvent_hash_txid_seq_idx" ON "AuditEvent"("hash", "txid", "seq");

-- Events written before the sealer are sealed already: their chain position is their seq.
UPDATE "AuditEvent" SET "chainSeq" = "seq" WHERE "hash" IS NOT NULL;

-- seq comes from the database (lib/audit/write-audit.ts): no chain-tail read, no lock.
CREATE SEQUENCE "AuditEvent_seq_counter" OWNED BY "AuditEvent"."seq";
SELECT setval('"AuditEvent_seq_counter"', COALESCE((SELECT MAX("seq") FROM "AuditEvent"), 0) + 1, false);
