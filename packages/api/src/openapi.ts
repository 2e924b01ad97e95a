// What the REST routes (/api/v1, OpenAPI 3.1 through trpc-to-openapi) need from a procedure
// besides its `.meta({ openapi })`: an output parser. Outputs are not re-validated (the
// services already shape them, and the typed client carries their exact types); the document
// describes each as a JSON object.
import { z } from "zod";

export function restOutput<T>(description: string) {
  return z.custom<T>().meta({ description, override: { type: "object" } });
}
