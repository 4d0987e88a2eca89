import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/*.fault.test.ts", "node_modules/**"],
          // Password hashing (scrypt at 2^17) and app child processes take seconds on a busy machine.
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "app/**/*.int.test.ts"],
          globalSetup: ["lib/testing/global-setup.ts"],
          setupFiles: ["lib/testing/setup-int.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // Tests share one database; files run one at a time so counts and audit chains stay readable.
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // Fault injection (lib/faults): its own `vigil start` and embedded PostgreSQL, which it kills.
          name: "faults",
          include: ["lib/**/*.fault.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Each file runs its own Vigil and breaks it; recovery times are only readable one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
