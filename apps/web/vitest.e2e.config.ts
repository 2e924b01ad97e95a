import { defineConfig } from "vitest/config";

// The browser suite: real server + Chromium, one file at a time (2 shared cores; each file
// starts its own server), with timeouts sized for a cold PGlite start.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
