-- Email notifications through the SMTP app (issue 12). An administrator names one SMTP asset;
-- each user opts out of the kinds they do not want by email (new kinds reach them by default).
-- A notification that should go out by email is marked 'pending' as it is inserted (whatever
-- wrote it: the domain's notifyUsers or a trigger such as the prompt's), and the worker's
-- dispatcher turns each pending row into a "send email" action run on the SMTP asset in one
-- transaction, so each mail is queued exactly once and the job runner retries delivery.
CREATE TABLE "notification_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "smtp_asset_id" INTEGER REFERENCES "assets"("id") ON DELETE SET NULL,
    -- Share of an SLA used at which its owner hears it is at risk.
    "at_risk_percent" INTEGER NOT NULL DEFAULT 80,
    "update_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notification_settings_one_row" CHECK ("id" = 1),
    CONSTRAINT "notification_settings_at_risk" CHECK ("at_risk_percent" BETWEEN 1 AND 99)
);
INSERT INTO "notification_settings" ("id") VALUES (1);

ALTER TABLE "users" ADD COLUMN "email_opt_out" TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE "notifications" ADD COLUMN "email_state" TEXT, ADD COLUMN "action_run_id" INTEGER;
CREATE INDEX "notifications_email_pending" ON "notifications" ("id") WHERE "email_state" = 'pending';

CREATE FUNCTION "vigil_notification_email"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM notification_settings WHERE smtp_asset_id IS NOT NULL)
    AND EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.user_id AND NOT u.disabled
      AND coalesce(u.email, '') <> '' AND NOT (NEW.kind = ANY (u.email_opt_out))) THEN
    NEW.email_state := 'pending';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "notifications_email" BEFORE INSERT ON "notifications" FOR EACH ROW EXECUTE FUNCTION "vigil_notification_email"();
