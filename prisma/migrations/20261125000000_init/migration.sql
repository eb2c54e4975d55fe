-- CreateEnum
CREATE TYPE "CredentialProvider" AS ENUM ('gckey', 'sign_in_partner');

-- CreateEnum
CREATE TYPE "Language" AS ENUM ('en', 'fr');

-- CreateEnum
CREATE TYPE "BusinessAccountStatus" AS ENUM ('active', 'deleted');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('owner', 'proxy', 'account_user', 'account_browser');

-- CreateTable
CREATE TABLE "credential_links" (
    "id" UUID NOT NULL,
    "provider" "CredentialProvider" NOT NULL,
    "subject" TEXT NOT NULL,
    "registration_id" TEXT NOT NULL,
    "user_account_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credential_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "terms_acceptances" (
    "id" UUID NOT NULL,
    "user_account_id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "terms_acceptances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_accounts" (
    "id" UUID NOT NULL,
    "urn" TEXT NOT NULL,
    "given_name" TEXT NOT NULL,
    "family_name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "language" "Language" NOT NULL,
    "registration_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_accounts" (
    "id" UUID NOT NULL,
    "business_number" CHAR(15) NOT NULL,
    "status" "BusinessAccountStatus" NOT NULL DEFAULT 'active',
    "owner_position_title" TEXT NOT NULL,
    "owner_address_line1" TEXT NOT NULL,
    "owner_address_line2" TEXT,
    "owner_city" TEXT NOT NULL,
    "owner_province" TEXT NOT NULL,
    "owner_postal_code" TEXT NOT NULL,
    "owner_country" CHAR(2) NOT NULL,
    "owner_phone" TEXT NOT NULL,
    "owner_email" TEXT NOT NULL,
    "created_by_registration" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "business_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" UUID NOT NULL,
    "user_account_id" UUID NOT NULL,
    "business_account_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cbsa_authorizations" (
    "business_number" CHAR(15) NOT NULL,
    "authorization_id" TEXT NOT NULL,
    "shared_secret_hash" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "failure_window_started_at" TIMESTAMPTZ(3),
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "cbsa_authorizations_pkey" PRIMARY KEY ("business_number")
);

-- CreateTable
CREATE TABLE "authorization_attempts" (
    "id" TEXT NOT NULL,
    "business_number" CHAR(15) NOT NULL,
    "outcome" TEXT NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "authorization_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "workflow_id" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "credential_links_user_account_id_key" ON "credential_links"("user_account_id");

-- CreateIndex
CREATE INDEX "credential_links_registration_id_idx" ON "credential_links"("registration_id");

-- CreateIndex
CREATE UNIQUE INDEX "credential_links_provider_subject_key" ON "credential_links"("provider", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "terms_acceptances_user_account_id_version_key" ON "terms_acceptances"("user_account_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "user_accounts_urn_key" ON "user_accounts"("urn");

-- CreateIndex
CREATE UNIQUE INDEX "user_accounts_registration_id_key" ON "user_accounts"("registration_id");

-- CreateIndex
CREATE UNIQUE INDEX "business_accounts_created_by_registration_key" ON "business_accounts"("created_by_registration");

-- CreateIndex
CREATE INDEX "business_accounts_business_number_idx" ON "business_accounts"("business_number");

-- CreateIndex
CREATE INDEX "memberships_business_account_id_idx" ON "memberships"("business_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_user_account_id_business_account_id_key" ON "memberships"("user_account_id", "business_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "cbsa_authorizations_authorization_id_key" ON "cbsa_authorizations"("authorization_id");

-- CreateIndex
CREATE INDEX "authorization_attempts_business_number_attempted_at_idx" ON "authorization_attempts"("business_number", "attempted_at");

-- CreateIndex
CREATE INDEX "audit_events_subject_type_subject_id_idx" ON "audit_events"("subject_type", "subject_id");

-- CreateIndex
CREATE INDEX "audit_events_workflow_id_idx" ON "audit_events"("workflow_id");

-- AddForeignKey
ALTER TABLE "credential_links" ADD CONSTRAINT "credential_links_user_account_id_fkey" FOREIGN KEY ("user_account_id") REFERENCES "user_accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "terms_acceptances" ADD CONSTRAINT "terms_acceptances_user_account_id_fkey" FOREIGN KEY ("user_account_id") REFERENCES "user_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_account_id_fkey" FOREIGN KEY ("user_account_id") REFERENCES "user_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_business_account_id_fkey" FOREIGN KEY ("business_account_id") REFERENCES "business_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "authorization_attempts" ADD CONSTRAINT "authorization_attempts_business_number_fkey" FOREIGN KEY ("business_number") REFERENCES "cbsa_authorizations"("business_number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What Prisma's schema language cannot express (test/prisma-drift.test.ts checks these exist):

-- A business number has at most one active business account; deleted ones keep their history.
CREATE UNIQUE INDEX "business_accounts_active_business_number_key" ON "business_accounts"("business_number") WHERE "status" = 'active';

-- The audit trail is append-only.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER "audit_events_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
