// The owner / runtime split. Migrations run as the owner of the schema; requests are served as a
// runtime role that may read and write the ordinary tables but may only INSERT into and SELECT
// from audit_log, and owns nothing, so it can neither TRUNCATE the audit log nor disable or
// drop its triggers (both need ownership), nor run any DDL.
import pg from "pg";

export const OWNER_ROLE = "vigil_owner";
export const APP_ROLE = "vigil_app";

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The role a connection URL logs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * The grants the runtime role needs, run as the owner after every migrate: existing objects get
 * them here, objects created by later migrations get them from the default privileges.
 */
export function runtimeGrants(runtimeRole: string): string {
  const app = ident(runtimeRole);
  return `
    GRANT USAGE ON SCHEMA public TO ${app};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app};
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${app};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${app};
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${app};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON _prisma_migrations FROM ${app};`;
}

export async function grantRuntimeRights(ownerUrl: string, runtimeRole: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(runtimeGrants(runtimeRole));
  } finally {
    await client.end();
  }
}

// Clusters made before the split have every object owned by the superuser; hand them to the
// owner (tables carry their indexes and serial sequences along). Cheap when there is nothing to do.
const TAKE_OWNERSHIP = `
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relowner <> '${OWNER_ROLE}'::regrole LOOP
    EXECUTE format('ALTER %s %s OWNER TO ${OWNER_ROLE}', CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.name);
  END LOOP;
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> '${OWNER_ROLE}'::regrole LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO ${OWNER_ROLE}', r.name);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    LEFT JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
    WHERE n.nspname = 'public' AND d.objid IS NULL AND p.proowner <> '${OWNER_ROLE}'::regrole LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO ${OWNER_ROLE}', r.name);
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    LEFT JOIN pg_depend d ON d.objid = t.oid AND d.deptype = 'e'
    WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND d.objid IS NULL AND t.typowner <> '${OWNER_ROLE}'::regrole LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO ${OWNER_ROLE}', r.name);
  END LOOP;
END $$;`;

/**
 * Creates (or brings up to date) the owner and runtime roles and the database, as the embedded
 * cluster's superuser. `connect(db)` makes a superuser client for database `db`.
 */
export async function ensureEmbeddedRoles(
  connect: (database: string) => pg.Client, database: string, ownerPassword: string, appPassword: string,
): Promise<void> {
  const admin = connect("postgres");
  await admin.connect();
  try {
    for (const [role, password] of [[OWNER_ROLE, ownerPassword], [APP_ROLE, appPassword]] as const) {
      const found = await admin.query("select 1 from pg_roles where rolname = $1", [role]);
      if (found.rowCount === 0) await admin.query(`CREATE ROLE ${ident(role)} LOGIN`);
      await admin.query(`ALTER ROLE ${ident(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(password)}`);
    }
    const found = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${ident(database)} OWNER ${OWNER_ROLE}`);
    else await admin.query(`ALTER DATABASE ${ident(database)} OWNER TO ${OWNER_ROLE}`);
    await admin.query(`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC; GRANT CONNECT ON DATABASE ${ident(database)} TO ${APP_ROLE}`);
  } finally {
    await admin.end();
  }
  const inDatabase = connect(database);
  await inDatabase.connect();
  try {
    await inDatabase.query(TAKE_OWNERSHIP);
  } finally {
    await inDatabase.end();
  }
}
