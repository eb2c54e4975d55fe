-- CreateTable
CREATE TABLE "sign_in_links" (
    "id" TEXT NOT NULL,
    "registration_id" TEXT NOT NULL,
    "slack_user_id" TEXT NOT NULL,
    "provider" "CredentialProvider" NOT NULL,
    "locale" "Language" NOT NULL,
    "view_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "armed_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "state" TEXT,
    "nonce" TEXT,
    "code_verifier" TEXT,
    "browser_binding" TEXT,
    "subject" TEXT,
    "outcome" TEXT,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "sign_in_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sign_in_links_state_key" ON "sign_in_links"("state");

-- CreateIndex
CREATE INDEX "sign_in_links_registration_id_idx" ON "sign_in_links"("registration_id");
