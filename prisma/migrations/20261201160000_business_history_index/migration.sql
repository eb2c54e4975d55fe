-- A business account's history (records/business-history.ts) reads its audit events newest first,
-- a page at a time, by (occurred_at, id): the events about the business account itself (subject:
-- its id) and about its memberships (subject: `<business account id>:<user account id>`). This
-- index holds both by business account id, in that order. Prisma's schema language cannot express
-- it (an expression and a predicate): test/prisma-drift.test.ts lists it as SQL-only.
CREATE INDEX "audit_events_business_history_idx" ON "audit_events" (
  (CASE WHEN "subject_type" = 'membership' THEN split_part("subject_id", ':', 1) ELSE "subject_id" END),
  "occurred_at",
  "id"
) WHERE "subject_type" IN ('business_account', 'membership');
