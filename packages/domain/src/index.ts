export * from "./booking-code";
export * from "./enums";
export * from "./genres";
export * from "./layout";
export * from "./local-time";
export * from "./pricing";
export * from "./reservation";
export * from "./sales";
