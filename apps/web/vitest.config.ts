import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test/setup.ts"],
    // The whole repository's tests share 2 cores: a test waits for conditions, and this is
    // only where it gives up (a first render imports lazy page chunks and the admin module).
    testTimeout: 60_000,
  },
});
