export * from "./booking-code";
export * from "./layout";
export * from "./local-time";
