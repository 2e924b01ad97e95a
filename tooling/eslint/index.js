// Shared flat config: type-checked typescript-eslint rules for every package.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/** @param {{ tsconfigRootDir: string, ignores?: string[] }} options */
export function config({ tsconfigRootDir, ignores = [] }) {
  return tseslint.config(
    { ignores: ["dist/**", "**/generated/**", "coverage/**", ".turbo/**", ...ignores] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        globals: { ...globals.node },
        parserOptions: { projectService: true, tsconfigRootDir },
      },
      rules: {
        "@typescript-eslint/consistent-type-definitions": ["error", "type"],
        "@typescript-eslint/consistent-type-imports": [
          "error",
          { fixStyle: "inline-type-imports" },
        ],
        "@typescript-eslint/no-explicit-any": "error",
        "@typescript-eslint/no-non-null-assertion": "error",
        "@typescript-eslint/no-unused-vars": [
          "error",
          { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
        ],
        "@typescript-eslint/require-await": "off",
      },
    },
    {
      files: ["**/*.test.ts", "**/*.test.tsx", "**/test/**"],
      rules: {
        "@typescript-eslint/no-non-null-assertion": "off",
        "@typescript-eslint/no-unsafe-assignment": "off",
        "@typescript-eslint/no-unsafe-member-access": "off",
      },
    },
    {
      files: ["**/*.js", "**/*.mjs"],
      ...tseslint.configs.disableTypeChecked,
    },
  );
}
