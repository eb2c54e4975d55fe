-- A person's e-mail change waits for a code sent to the new address (workflows/profile-change):
-- one row per change, holding a salted hash of the code, never the code or the address.

-- CreateTable
CREATE TABLE "email_confirmations" (
    "change_id" TEXT NOT NULL,
    "user_account_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "sends" INTEGER NOT NULL DEFAULT 1,
    "confirmed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_confirmations_pkey" PRIMARY KEY ("change_id")
);

-- CreateIndex
CREATE INDEX "email_confirmations_user_account_id_idx" ON "email_confirmations"("user_account_id");

-- AddForeignKey
ALTER TABLE "email_confirmations" ADD CONSTRAINT "email_confirmations_user_account_id_fkey" FOREIGN KEY ("user_account_id") REFERENCES "user_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
