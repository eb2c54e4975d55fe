-- A person registers business accounts after their first registration (a later run of the same
-- registration workflow): several business accounts can come from one registration id, so the
-- idempotency key of a business account's creation moves to its own column. The business of a
-- first registration keeps its registration id as its key; a later one has `<registration id>:<run id>`.
ALTER TABLE "business_accounts" ADD COLUMN "creation_reference" TEXT;
UPDATE "business_accounts" SET "creation_reference" = "created_by_registration";
ALTER TABLE "business_accounts" ALTER COLUMN "creation_reference" SET NOT NULL;

-- DropIndex
DROP INDEX "business_accounts_created_by_registration_key";

-- CreateIndex
CREATE UNIQUE INDEX "business_accounts_creation_reference_key" ON "business_accounts"("creation_reference");

-- CreateIndex
CREATE INDEX "business_accounts_created_by_registration_idx" ON "business_accounts"("created_by_registration");
