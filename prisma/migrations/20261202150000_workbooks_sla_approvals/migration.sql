-- Workbooks, SLA timers, notifications and approvals (issue 12). Tables from prisma/schema.prisma;
-- the triggers below keep every insertion path (REST, ingestion, import, playbooks) in step.

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "manager_id" INTEGER;

-- AlterTable
ALTER TABLE "containers" ADD COLUMN     "sla_breached" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "notes" ADD COLUMN     "task_id" INTEGER;

-- AlterTable
ALTER TABLE "severities" ADD COLUMN     "sla_minutes" INTEGER;

-- AlterTable
ALTER TABLE "container_statuses" ADD COLUMN     "clock_stopped" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "assets" ADD COLUMN     "approval_sla_minutes" INTEGER NOT NULL DEFAULT 60;

-- CreateTable
CREATE TABLE "workbook_templates" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "is_note_required" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'published',
    "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "creator" INTEGER,
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workbook_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workbook_phase_templates" (
    "id" SERIAL NOT NULL,
    "template_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "order" INTEGER NOT NULL DEFAULT 1,
    "sla" INTEGER,

    CONSTRAINT "workbook_phase_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workbook_task_templates" (
    "id" SERIAL NOT NULL,
    "phase_template_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "order" INTEGER NOT NULL DEFAULT 1,
    "owner_id" INTEGER,
    "role" TEXT,
    "is_note_required" BOOLEAN NOT NULL DEFAULT false,
    "sla" INTEGER,
    "suggestions" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "workbook_task_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workbook_phases" (
    "id" SERIAL NOT NULL,
    "container_id" INTEGER NOT NULL,
    "template_id" INTEGER,
    "phase_template_id" INTEGER,
    "name" TEXT NOT NULL,
    "order" INTEGER NOT NULL DEFAULT 1,
    "owner_id" INTEGER,
    "sla" INTEGER,
    "due_time" TIMESTAMPTZ(3),
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workbook_phases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workbook_tasks" (
    "id" SERIAL NOT NULL,
    "container_id" INTEGER NOT NULL,
    "phase_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "order" INTEGER NOT NULL DEFAULT 1,
    "owner_id" INTEGER,
    "role" TEXT,
    "status" INTEGER NOT NULL DEFAULT 0,
    "is_note_required" BOOLEAN NOT NULL DEFAULT false,
    "sla" INTEGER,
    "due_time" TIMESTAMPTZ(3),
    "sla_breached" BOOLEAN NOT NULL DEFAULT false,
    "suggestions" JSONB NOT NULL DEFAULT '{}',
    "start_time" TIMESTAMPTZ(3),
    "end_time" TIMESTAMPTZ(3),
    "completed_by" INTEGER,
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workbook_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sla_timers" (
    "id" BIGSERIAL NOT NULL,
    "object_type" TEXT NOT NULL,
    "object_id" INTEGER NOT NULL,
    "container_id" INTEGER,
    "budget_ms" BIGINT NOT NULL,
    "used_ms" BIGINT NOT NULL DEFAULT 0,
    "running_since" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "state" TEXT NOT NULL DEFAULT 'running',
    "fired_at" TIMESTAMPTZ(3),
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sla_timers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" BIGSERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT NOT NULL DEFAULT '',
    "object_type" TEXT,
    "object_id" INTEGER,
    "read_time" TIMESTAMPTZ(3),
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approvals" (
    "id" SERIAL NOT NULL,
    "action_run_id" INTEGER NOT NULL,
    "asset_id" INTEGER NOT NULL,
    "container_id" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "stage" INTEGER NOT NULL DEFAULT 1,
    "approvers" JSONB NOT NULL DEFAULT '[]',
    "sla_minutes" INTEGER NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "responded_by" INTEGER,
    "responded_time" TIMESTAMPTZ(3),
    "message" TEXT NOT NULL DEFAULT '',
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approvals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workbook_templates_name_key" ON "workbook_templates"("name");

-- CreateIndex
CREATE INDEX "workbook_phase_templates_template_id_order_idx" ON "workbook_phase_templates"("template_id", "order");

-- CreateIndex
CREATE INDEX "workbook_task_templates_phase_template_id_order_idx" ON "workbook_task_templates"("phase_template_id", "order");

-- CreateIndex
CREATE INDEX "workbook_phases_container_id_order_idx" ON "workbook_phases"("container_id", "order");

-- CreateIndex
CREATE INDEX "workbook_tasks_container_id_phase_id_order_idx" ON "workbook_tasks"("container_id", "phase_id", "order");

-- CreateIndex
CREATE INDEX "workbook_tasks_owner_id_status_idx" ON "workbook_tasks"("owner_id", "status");

-- CreateIndex
CREATE INDEX "sla_timers_due_at_idx" ON "sla_timers"("due_at");

-- CreateIndex
CREATE UNIQUE INDEX "sla_timers_object_type_object_id_key" ON "sla_timers"("object_type", "object_id");

-- CreateIndex
CREATE INDEX "notifications_user_id_read_time_id_idx" ON "notifications"("user_id", "read_time", "id");

-- CreateIndex
CREATE INDEX "approvals_status_id_idx" ON "approvals"("status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "approvals_action_run_id_asset_id_key" ON "approvals"("action_run_id", "asset_id");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "workbook_tasks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workbook_phase_templates" ADD CONSTRAINT "workbook_phase_templates_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "workbook_templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workbook_task_templates" ADD CONSTRAINT "workbook_task_templates_phase_template_id_fkey" FOREIGN KEY ("phase_template_id") REFERENCES "workbook_phase_templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workbook_phases" ADD CONSTRAINT "workbook_phases_container_id_fkey" FOREIGN KEY ("container_id") REFERENCES "containers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workbook_tasks" ADD CONSTRAINT "workbook_tasks_container_id_fkey" FOREIGN KEY ("container_id") REFERENCES "containers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workbook_tasks" ADD CONSTRAINT "workbook_tasks_phase_id_fkey" FOREIGN KEY ("phase_id") REFERENCES "workbook_phases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Response SLAs of the built-in severities (administrators change them on /admin/sla).
UPDATE "severities" SET "sla_minutes" = CASE "name" WHEN 'high' THEN 60 WHEN 'medium' THEN 720 WHEN 'low' THEN 1440 END
  WHERE "name" IN ('high', 'medium', 'low');

CREATE INDEX "sla_timers_running_due" ON "sla_timers" ("due_at") WHERE "state" = 'running';
CREATE INDEX "notes_task_id_idx" ON "notes" ("task_id") WHERE "task_id" IS NOT NULL;
CREATE INDEX "approvals_action_run_id_idx" ON "approvals" ("action_run_id");

-- A container created without a due time gets its severity's response SLA.
CREATE FUNCTION "vigil_container_due"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE m int;
BEGIN
  IF NEW.due_time IS NULL THEN
    SELECT sla_minutes INTO m FROM severities WHERE name = NEW.severity;
    IF m IS NOT NULL THEN NEW.due_time := NEW.create_time + make_interval(mins => m); END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "containers_due_time" BEFORE INSERT ON "containers" FOR EACH ROW EXECUTE FUNCTION "vigil_container_due"();

-- Applies workbook templates to containers (pairs of container and template): phases and tasks
-- are copied, and each task with an SLA gets its durable timer. One function for the creation
-- trigger and for "add workbook" by hand.
CREATE FUNCTION "vigil_apply_workbooks"(p_containers int[], p_templates int[]) RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
  WITH picks AS (
    SELECT * FROM unnest(p_containers, p_templates) AS x(container_id, template_id)
  ), phases AS (
    INSERT INTO workbook_phases (container_id, template_id, phase_template_id, name, "order", sla, due_time, modified_time)
    SELECT p.container_id, p.template_id, pt.id, pt.name,
      pt."order" + coalesce((SELECT max("order") FROM workbook_phases e WHERE e.container_id = p.container_id), 0),
      pt.sla, CASE WHEN pt.sla IS NOT NULL THEN now() + make_interval(mins => pt.sla) END, now()
    FROM picks p JOIN workbook_phase_templates pt ON pt.template_id = p.template_id
    RETURNING id, container_id, phase_template_id
  ), tasks AS (
    INSERT INTO workbook_tasks (container_id, phase_id, name, description, "order", owner_id, role, is_note_required, sla, due_time, suggestions, modified_time)
    SELECT ph.container_id, ph.id, tt.name, tt.description, tt."order", tt.owner_id, tt.role,
      tt.is_note_required OR t.is_note_required, tt.sla,
      CASE WHEN tt.sla IS NOT NULL THEN now() + make_interval(mins => tt.sla) END, tt.suggestions, now()
    FROM phases ph JOIN workbook_task_templates tt ON tt.phase_template_id = ph.phase_template_id
      JOIN workbook_phase_templates pt ON pt.id = ph.phase_template_id JOIN workbook_templates t ON t.id = pt.template_id
    RETURNING id, container_id, sla, due_time
  ), timers AS (
    INSERT INTO sla_timers (object_type, object_id, container_id, budget_ms, running_since, due_at)
    SELECT 'task', id, container_id, sla::bigint * 60000, now(), due_time FROM tasks WHERE sla IS NOT NULL
    RETURNING 1
  )
  SELECT count(*) INTO n FROM tasks;
  RETURN n;
END $$;

-- New containers: the response SLA's timer, and the default workbook of their label (or the
-- template marked default when no template names the label), in the inserting transaction.
CREATE FUNCTION "vigil_container_created"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE cs int[]; ts int[];
BEGIN
  INSERT INTO sla_timers (object_type, object_id, container_id, budget_ms, running_since, due_at)
  SELECT 'container', n.id, n.id,
    greatest(0, (extract(epoch FROM n.due_time - n.create_time) * 1000)::bigint),
    n.create_time AT TIME ZONE 'UTC', n.due_time AT TIME ZONE 'UTC'
  FROM new_rows n LEFT JOIN container_statuses s ON s.name = n.status
  WHERE n.due_time IS NOT NULL AND coalesce(s.status_type, 'new') <> 'closed'
  ON CONFLICT DO NOTHING;
  IF EXISTS (SELECT 1 FROM workbook_templates WHERE is_default OR labels <> '{}') THEN
    SELECT array_agg(n.id), array_agg(t.id) INTO cs, ts
    FROM new_rows n JOIN LATERAL (
      SELECT w.id FROM workbook_templates w WHERE n.label = ANY (w.labels)
      UNION ALL
      SELECT w.id FROM workbook_templates w WHERE w.is_default
        AND NOT EXISTS (SELECT 1 FROM workbook_templates o WHERE n.label = ANY (o.labels))
    ) t ON true;
    IF cs IS NOT NULL THEN PERFORM vigil_apply_workbooks(cs, ts); END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "containers_created_sla_workbooks" AFTER INSERT ON "containers" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "vigil_container_created"();

-- A status change moves the response SLA's clock: a "clock stopped" status pauses it (the time
-- used is kept and the due time cleared), leaving it resumes with what is left, and a closed
-- status stops it as met. Every path that changes a status goes through this.
CREATE FUNCTION "vigil_container_clock"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE stopped boolean; kind text; t sla_timers%ROWTYPE;
BEGIN
  SELECT clock_stopped, status_type INTO stopped, kind FROM container_statuses WHERE name = NEW.status;
  SELECT * INTO t FROM sla_timers WHERE object_type = 'container' AND object_id = NEW.id FOR UPDATE;
  IF NOT FOUND THEN RETURN NEW; END IF;
  IF kind = 'closed' THEN
    IF t.state IN ('running', 'paused') THEN
      UPDATE sla_timers SET state = 'met', due_at = NULL, running_since = NULL,
        used_ms = used_ms + CASE WHEN running_since IS NULL THEN 0 ELSE (extract(epoch FROM now() - running_since) * 1000)::bigint END
      WHERE id = t.id;
    END IF;
  ELSIF coalesce(stopped, false) THEN
    IF t.state = 'running' THEN
      UPDATE sla_timers SET state = 'paused', due_at = NULL, running_since = NULL,
        used_ms = used_ms + (extract(epoch FROM now() - running_since) * 1000)::bigint WHERE id = t.id;
      NEW.due_time := NULL;
    END IF;
  ELSIF t.state = 'paused' OR (t.state = 'met' AND kind <> 'closed') THEN
    -- Resumed (or reopened): the clock runs on from the time already used.
    UPDATE sla_timers SET state = 'running', running_since = now(),
      due_at = now() + make_interval(secs => greatest(0, budget_ms - used_ms) / 1000.0) WHERE id = t.id
      RETURNING due_at INTO t.due_at;
    NEW.due_time := t.due_at AT TIME ZONE 'UTC';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "containers_sla_clock" BEFORE UPDATE OF status ON "containers" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION "vigil_container_clock"();

-- A task completed stops its clock as met; reopened, it runs on.
CREATE FUNCTION "vigil_task_clock"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 1 THEN
    UPDATE sla_timers SET state = 'met', due_at = NULL,
      used_ms = used_ms + (extract(epoch FROM now() - running_since) * 1000)::bigint, running_since = NULL
    WHERE object_type = 'task' AND object_id = NEW.id AND state = 'running';
  ELSIF OLD.status = 1 THEN
    UPDATE sla_timers SET state = 'running', running_since = now(),
      due_at = now() + make_interval(secs => greatest(0, budget_ms - used_ms) / 1000.0)
    WHERE object_type = 'task' AND object_id = NEW.id AND state = 'met';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "workbook_tasks_sla_clock" AFTER UPDATE OF status ON "workbook_tasks" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION "vigil_task_clock"();

-- A prompt from a playbook lands in the inbox of the user or role it names: one notification each.
CREATE FUNCTION "vigil_prompt_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notifications (user_id, kind, title, body, link, object_type, object_id)
  SELECT u.id, 'prompt', 'A playbook asks for your answer', left(coalesce(NEW.detail->>'message', ''), 500), '/approvals', 'prompt', NEW.id
  FROM users u
  WHERE NOT u.disabled AND (u.username = NEW.detail->'approver'->>'user' OR u.role::text = NEW.detail->'approver'->>'role');
  PERFORM pg_notify('vigil_live', 'notifications');
  RETURN NULL;
END $$;
CREATE TRIGGER "playbook_callbacks_prompt_notify" AFTER INSERT ON "playbook_callbacks" FOR EACH ROW
  WHEN (NEW.kind = 'prompt') EXECUTE FUNCTION "vigil_prompt_notify"();
