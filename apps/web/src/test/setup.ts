import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// Testing Library only cleans up by itself when vitest globals are on; they are not.
afterEach(() => cleanup());

// Pages are lazy chunks (imported on first visit): on a busy machine the first import of a
// page can take longer than Testing Library's 1 s default wait. findBy* still returns as soon
// as the element is there; this only moves the point where it gives up.
configure({ asyncUtilTimeout: 30_000 });
