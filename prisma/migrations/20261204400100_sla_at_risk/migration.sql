-- "SLA at risk": each running clock knows when it passes the administrators' share of its
-- budget (notification_settings.at_risk_percent, 80 by default), counted in its calendar like
-- the breach. A trigger keeps risk_at right whatever moves the clock (start, pause, resume,
-- severity change, a new approval stage), and the SLA worker warns once per clock: it sets
-- risk_notified_at in the transaction that notifies, which clears risk_at for good.
ALTER TABLE "sla_timers" ADD COLUMN "risk_at" TIMESTAMPTZ(3), ADD COLUMN "risk_notified_at" TIMESTAMPTZ(3);

CREATE FUNCTION "vigil_sla_risk_at"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE share float8; mark bigint;
BEGIN
  IF NEW.state = 'running' AND NEW.risk_notified_at IS NULL AND NEW.budget_ms > 0 AND NEW.running_since IS NOT NULL THEN
    SELECT at_risk_percent / 100.0 INTO share FROM notification_settings WHERE id = 1;
    mark := round(NEW.budget_ms * coalesce(share, 0.8))::bigint;
    NEW.risk_at := vigil_business_add(NEW.calendar_id, NEW.running_since, greatest(0, mark - NEW.used_ms));
  ELSE
    NEW.risk_at := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "sla_timers_risk_at" BEFORE INSERT OR UPDATE ON "sla_timers" FOR EACH ROW EXECUTE FUNCTION "vigil_sla_risk_at"();

-- Clocks already running: those past the share now are taken as warned (no flood of old
-- warnings on upgrade); the others get their risk_at from the trigger.
UPDATE "sla_timers" SET "risk_notified_at" = CASE
    WHEN "budget_ms" = 0 OR "used_ms" + vigil_business_ms("calendar_id", "running_since", now()) >= "budget_ms" * 0.8 THEN now() END
  WHERE "state" = 'running';

CREATE INDEX "sla_timers_risk_due" ON "sla_timers" ("risk_at") WHERE "risk_at" IS NOT NULL;
