-- Imported SOAR playbooks: the files as imported (exported byte for byte), the graph mapped to
-- Vigil's node types (shown read-only; the .py is what runs) and the import report.
ALTER TABLE "playbooks" ADD COLUMN "soar_json" BYTEA, ADD COLUMN "soar_py" BYTEA, ADD COLUMN "soar_graph" JSONB, ADD COLUMN "import_report" JSONB;
-- Custom functions imported from SOAR are Python; Vigil's own are JavaScript.
ALTER TABLE "custom_functions" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'javascript', ADD COLUMN "soar_json" BYTEA;
