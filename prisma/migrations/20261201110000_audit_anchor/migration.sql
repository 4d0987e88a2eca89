-- The head of every audit chain, kept with an HMAC whose key lives only in the data directory
-- (keys/audit-hmac): whoever can write the database but not read that key can rewrite a chain
-- consistently, but cannot make a matching head, so `vigil audit verify` catches it.
CREATE TABLE "audit_heads" (
    "chain" TEXT NOT NULL,
    "head_hash" TEXT NOT NULL,
    "mac" TEXT NOT NULL,

    CONSTRAINT "audit_heads_pkey" PRIMARY KEY ("chain")
);

-- UPDATE and DELETE are refused per row already; TRUNCATE bypasses row triggers, so refuse it
-- too (the runtime role has no TRUNCATE right anyway; this stops the owner by mistake).
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
