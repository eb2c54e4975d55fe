-- `business_account.contact_updated` events used to keep the owner's contact values (position
-- title, address, phone, e-mail) before and after the change. They now name the changed columns
-- only (`{"changed": ["ownerEmail", ...]}`, as activities/account-changes.ts writes them); this
-- rewrites the events written before, the one sanctioned rewrite of the append-only audit trail.
--
-- The append-only trigger is off only inside this migration's transaction: ALTER TABLE holds an
-- ACCESS EXCLUSIVE lock on audit_events until COMMIT, so no other session reads or writes the
-- table while it is off, and a failure rolls the trigger back on with everything else.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_no_update_or_delete";

UPDATE "audit_events" AS e
SET "before" = NULL,
    "after" = jsonb_build_object('changed', COALESCE((
      SELECT jsonb_agg(f.name ORDER BY f.position)
      FROM (VALUES
        (1, 'ownerPositionTitle', ARRAY['positionTitle']),
        (2, 'ownerAddressLine1', ARRAY['address', 'line1']),
        (3, 'ownerAddressLine2', ARRAY['address', 'line2']),
        (4, 'ownerCity', ARRAY['address', 'city']),
        (5, 'ownerProvince', ARRAY['address', 'province']),
        (6, 'ownerPostalCode', ARRAY['address', 'postalCode']),
        (7, 'ownerCountry', ARRAY['address', 'country']),
        (8, 'ownerPhone', ARRAY['phone']),
        (9, 'ownerEmail', ARRAY['email'])
      ) AS f(position, name, path)
      -- A JSON null and a missing key both mean "no value" (address line 2).
      WHERE NULLIF(e."before" #> f.path, 'null'::jsonb) IS DISTINCT FROM NULLIF(e."after" #> f.path, 'null'::jsonb)
    ), '[]'::jsonb))
WHERE e."action" = 'business_account.contact_updated'
  AND NOT (e."before" IS NULL AND e."after" -> 'changed' IS NOT NULL);

ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_no_update_or_delete";
