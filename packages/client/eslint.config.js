import { config } from "@marquee/eslint-config";

export default config({ tsconfigRootDir: import.meta.dirname });
