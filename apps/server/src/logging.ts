// Logs: JSON lines for machines (files, collectors), readable lines in a terminal.
import { type FastifyServerOptions } from "fastify";
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

/** Where log lines go: pino-pretty when stdout is a terminal, else JSON on stdout. */
export function logStream(isTTY = process.stdout.isTTY === true): DestinationStream | undefined {
  // Synchronous: the last lines before an exit are never lost, and nothing runs in a worker
  // thread that the production bundle would have to locate.
  return isTTY
    ? pretty({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" })
    : undefined;
}

/** Fastify's logger settings for a level. */
export function loggerOptions(level: string, isTTY?: boolean): FastifyServerOptions["logger"] {
  const stream = logStream(isTTY);
  return stream ? { level, stream } : { level };
}

/** The process's own logger (start-up and shutdown lines), the same way. */
export function createLogger(level: string, isTTY?: boolean): Logger {
  const stream = logStream(isTTY);
  return stream ? pino({ level }, stream) : pino({ level });
}
