// A PostgreSQL adapter factory for Prisma's schema engine (migrations and drift checks).
//
// The engine reads catalog columns of PostgreSQL's one-byte `"char"` type (OID 18, e.g.
// pg_constraint.contype) and expects them typed as Character. @prisma/adapter-pg has no
// mapping for that OID and fails the whole query. pg already returns those values as
// one-character strings, so we (1) report the column as text to get past the adapter and
// (2) restore the Character column type on the adapter's result. The rows array is passed
// through the adapter untouched, which is what links the two steps.
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import pg from "pg";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const charColumns = new WeakMap<object, number[]>();

function retypeCharColumns(res: pg.QueryResult | undefined): void {
  if (!res) return;
  const indexes: number[] = [];
  (res.fields ?? []).forEach((field, i) => {
    if (field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
      indexes.push(i);
    }
  });
  if (indexes.length > 0 && Array.isArray(res.rows)) charColumns.set(res.rows, indexes);
}

class CharAwareClient extends pg.Client {
  // pg.Pool calls query(config, callback); direct callers get a promise. Handle both.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as (err: unknown, res?: pg.QueryResult) => void;
      args[args.length - 1] = (err: unknown, res?: pg.QueryResult) => {
        if (!err) retypeCharColumns(res);
        callback(err, res);
      };
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (!(result instanceof Promise)) return result as never;
    return result.then((res: pg.QueryResult) => {
      retypeCharColumns(res);
      return res;
    }) as never;
  }
}

function restoreCharColumns(result: SqlResultSet): SqlResultSet {
  const indexes = charColumns.get(result.rows);
  if (indexes) for (const i of indexes) result.columnTypes[i] = ColumnTypeEnum.Character;
  return result;
}

/** Wraps queryRaw on a queryable, and on any transaction it starts. */
function wrapQueryable<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value !== "function") return value;
      const fn = value as (...a: unknown[]) => unknown;
      if (prop === "queryRaw") {
        return async (...a: unknown[]) =>
          restoreCharColumns((await fn.apply(obj, a)) as SqlResultSet);
      }
      if (prop === "startTransaction") {
        return async (...a: unknown[]) => wrapQueryable((await fn.apply(obj, a)) as object);
      }
      return fn.bind(obj);
    },
  });
}

export function createPgSchemaEngineAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPg({
    connectionString: url,
    max: 2,
    connectionTimeoutMillis: 5_000,
    Client: CharAwareClient,
  });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrapQueryable(await factory.connect()),
    connectToShadowDb: async () => wrapQueryable(await factory.connectToShadowDb()),
  };
}
