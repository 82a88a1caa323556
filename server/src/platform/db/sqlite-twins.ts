// The schema is written once, for PostgreSQL (schema/*.ts); the embedded SQLite file uses twins
// of those tables built here at start. A twin has the same table, column, index and key names, so
// the same query code runs on either and both dialects' migrations come from one definition.
// Column types map by what the values are in JavaScript: bigint (ms timestamps, counters) →
// INTEGER; boolean → INTEGER 0/1; jsonb → TEXT holding JSON; text (with its enum) → TEXT.
import { is, type SQL } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type SQLiteColumnBuilderBase, type SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';

// Drizzle's builders are typed per column kind; twins are only ever used through the PostgreSQL
// tables' types, so their own types are left loose here.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyBuilder = any;
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyTable = SQLiteTableWithColumns<any>;

function twinColumn(c: PgColumn): SQLiteColumnBuilderBase {
  let b: AnyBuilder;
  switch (c.columnType) {
    case 'PgText':
      b = c.enumValues ? text(c.name, { enum: c.enumValues as [string, ...string[]] }) : text(c.name);
      break;
    case 'PgJsonb':
      b = text(c.name, { mode: 'json' });
      break;
    case 'PgBoolean':
      b = integer(c.name, { mode: 'boolean' });
      break;
    case 'PgBigSerial53':
      return integer(c.name).primaryKey({ autoIncrement: true });
    case 'PgBigInt53':
    case 'PgInteger':
      b = integer(c.name);
      break;
    default:
      throw new Error(`no SQLite twin for column type ${c.columnType} (${c.name})`);
  }
  if (c.primary) b = b.primaryKey();
  if (c.notNull) b = b.notNull();
  if (c.hasDefault && c.default !== undefined) b = b.default(c.default);
  if (c.defaultFn) b = b.$defaultFn(c.defaultFn);
  return b;
}

/** SQLite twins of every PostgreSQL table in `schema`, under the same export names. */
export function sqliteTwins<S extends Record<string, unknown>>(schema: S): { [K in keyof S]: S[K] extends PgTable ? AnyTable : never } {
  const tables = Object.entries(schema).filter((e): e is [string, PgTable] => is(e[1], PgTable));
  const twins = new Map<PgTable, AnyTable>();
  // Foreign keys point at other twins: resolved lazily, once every twin exists.
  const twinOf = (c: PgColumn) => {
    const twin = twins.get(c.table as PgTable);
    if (!twin) throw new Error(`foreign key to a table outside the schema: ${c.name}`);
    const key = Object.keys(twin).find((k) => (twin as Record<string, { name?: string }>)[k]?.name === c.name);
    return (twin as AnyBuilder)[key!];
  };
  for (const [, table] of tables) {
    const cfg = getTableConfig(table);
    const keys = Object.fromEntries(Object.entries(table).filter(([, v]) => cfg.columns.includes(v as PgColumn))) as Record<string, PgColumn>;
    const builders = Object.fromEntries(Object.entries(keys).map(([k, c]) => [k, twinColumn(c)]));
    const twin = sqliteTable(cfg.name, builders, (t: AnyBuilder) => {
      // Index columns come back as descriptors carrying the column's name.
      const col = (c: { name: string }) => t[Object.keys(keys).find((k) => keys[k]!.name === c.name)!];
      return [
        ...cfg.indexes.map(({ config: ix }) => {
          const built = (ix.unique ? uniqueIndex : index)(ix.name!).on(...((ix.columns as { name: string }[]).map(col) as [AnyBuilder]));
          return ix.where ? built.where(ix.where as SQL) : built;
        }),
        ...cfg.primaryKeys.map((pk) => primaryKey({ columns: pk.columns.map(col) as [AnyBuilder] })),
        ...cfg.foreignKeys.map((fk) => {
          const ref = fk.reference();
          let built: AnyBuilder = foreignKey({ columns: ref.columns.map(col) as [AnyBuilder], foreignColumns: ref.foreignColumns.map((c) => twinOf(c as PgColumn)) as [AnyBuilder] });
          if (fk.onDelete) built = built.onDelete(fk.onDelete);
          if (fk.onUpdate) built = built.onUpdate(fk.onUpdate);
          return built;
        }),
      ];
    });
    twins.set(table, twin);
  }
  return Object.fromEntries(tables.map(([k, t]) => [k, twins.get(t)])) as never;
}
