-- SOAR's "automation" user (issue 11): runs nobody started (label triggers, schedules) act as it,
-- so phantom.get_effective_user() answers its id, /rest/ph_user/<id> answers type "automation",
-- and what such a run does through phantom.requests is written and audited under its name. It
-- has no password (automation accounts cannot sign in; an administrator may give it API tokens,
-- as SOAR's automation user has). SOAR gives it id 2; a new installation does too (the first
-- administrator then gets id 1, lib/bootstrap.ts). An existing installation whose id 2 is taken
-- gives it the next id, and one that already has a user named "automation" keeps that user.
INSERT INTO "users" ("id", "username", "name", "role", "updated_at")
  SELECT CASE WHEN EXISTS (SELECT 1 FROM "users" WHERE "id" = 2) THEN nextval('users_id_seq') ELSE 2 END,
         'automation', 'Automation', 'automation', CURRENT_TIMESTAMP
  WHERE NOT EXISTS (SELECT 1 FROM "users" WHERE "username" = 'automation');
-- The sequence never moves back (ids of deleted users are not handed out again).
SELECT setval('users_id_seq', GREATEST((SELECT max("id") FROM "users"), (SELECT "last_value" FROM "users_id_seq"), 1));
