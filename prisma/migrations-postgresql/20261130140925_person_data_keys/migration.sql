-- CreateTable
CREATE TABLE "PersonDataKey" (
    "id" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "material" TEXT NOT NULL,

    CONSTRAINT "PersonDataKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PersonDataKey_day_idx" ON "PersonDataKey"("day");

-- CreateIndex
CREATE UNIQUE INDEX "PersonDataKey_subjectId_day_key" ON "PersonDataKey"("subjectId", "day");
