-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "aheadSeq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "WebhookDelivery" ALTER COLUMN "payload" DROP NOT NULL;

-- AlterTable
ALTER TABLE "WebhookOutbox" ADD COLUMN     "action" TEXT,
ADD COLUMN     "fannedTo" JSONB;
