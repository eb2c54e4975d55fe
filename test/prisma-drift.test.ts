/**
 * Fails when prisma/schema.prisma and the hand-written migrations disagree. `prisma migrate diff`
 * needs a schema engine we cannot download here, so the datamodel comes from Prisma's own schema
 * parser (@prisma/prisma-schema-wasm, byte-identical to the Wasm the CLI bundles) and is compared
 * with the database the test run migrated (test/support/global-setup.ts), read from pg_catalog.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import pg from 'pg';

const SCHEMA_TEXT = readFileSync(path.join(__dirname, '..', 'prisma', 'schema.prisma'), 'utf8');

/** Objects the migration creates that Prisma's schema language cannot express (checked below). */
const SQL_ONLY_INDEXES: ReadonlySet<string> = new Set([
  'business_accounts_active_business_number_key',
  'audit_events_business_history_idx',
]);

// The part of Prisma's DMMF (datamodel) this test reads.
type DmmfDefault =
  { name: string; args: (string | number)[] } | string | number | boolean | (string | number | boolean)[];
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: DmmfDefault;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}
interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}
interface Datamodel {
  enums: DmmfEnum[];
  models: DmmfModel[];
  indexes: DmmfIndex[];
}

function loadDatamodel(schema: string): Datamodel {
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] }))) as {
    datamodel: Datamodel;
  };
  return dmmf.datamodel;
}

// One shape for both sides, in PostgreSQL's own spelling (format_type), so comparing is equality.
interface Column {
  type: string;
  nullable: boolean;
  default: string | null;
}
interface Index {
  table: string;
  kind: 'PRIMARY KEY' | 'UNIQUE INDEX' | 'INDEX';
  method: string;
  columns: string[];
  predicate: string | null;
}
interface ForeignKey {
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}
interface Shape {
  enums: Map<string, string[]>;
  tables: Map<string, Map<string, Column>>;
  /** By name: Prisma Migrate renames an index whose name differs. */
  indexes: Map<string, Index>;
  /** By `table(columns)`: the DMMF does not carry a relation's `map:` name. */
  foreignKeys: Map<string, ForeignKey>;
}

// What Prisma uses when a field has no @db attribute.
const DEFAULT_NATIVE_TYPES: Record<string, [string, string[]]> = {
  String: ['Text', []],
  Int: ['Integer', []],
  BigInt: ['BigInt', []],
  Float: ['DoublePrecision', []],
  Decimal: ['Decimal', ['65', '30']],
  Boolean: ['Boolean', []],
  DateTime: ['Timestamp', ['3']],
  Json: ['JsonB', []],
  Bytes: ['ByteA', []],
};

function nativeTypeName([name, args]: [string, string[]]): string {
  const mod = args.length ? `(${args.join(',')})` : '';
  const simple: Record<string, string> = {
    Text: 'text',
    Uuid: 'uuid',
    Xml: 'xml',
    Inet: 'inet',
    Citext: 'citext',
    Integer: 'integer',
    SmallInt: 'smallint',
    Oid: 'oid',
    BigInt: 'bigint',
    DoublePrecision: 'double precision',
    Real: 'real',
    Money: 'money',
    Boolean: 'boolean',
    Date: 'date',
    JsonB: 'jsonb',
    Json: 'json',
    ByteA: 'bytea',
  };
  const withModifier: Record<string, string> = {
    Char: `character${mod}`,
    VarChar: `character varying${mod}`,
    Bit: `bit${mod}`,
    VarBit: `bit varying${mod}`,
    Decimal: `numeric${mod}`,
    Timestamp: `timestamp${mod} without time zone`,
    Timestamptz: `timestamp${mod} with time zone`,
    Time: `time${mod} without time zone`,
    Timetz: `time${mod} with time zone`,
  };
  return simple[name] ?? withModifier[name] ?? `unmapped native type @db.${name}${mod}`;
}

function columnType(field: DmmfField, enumNames: Map<string, string>): string {
  let base: string;
  if (field.kind === 'enum') base = `enum ${enumNames.get(field.type) ?? field.type}`;
  else if (field.kind === 'unsupported') base = `Unsupported(${field.type})`;
  else base = nativeTypeName(field.nativeType ?? DEFAULT_NATIVE_TYPES[field.type] ?? [field.type, []]);
  return field.isList ? `${base}[]` : base;
}

/** The column default Prisma Migrate would create, normalised like normalizeDefault(). */
function schemaDefault(field: DmmfField): string | null {
  const value = field.default;
  if (value === undefined) return null;
  if (Array.isArray(value)) return `{${value.join(',')}}`;
  if (typeof value !== 'object') return String(value);
  switch (value.name) {
    case 'now':
      return 'CURRENT_TIMESTAMP';
    case 'autoincrement':
      return 'autoincrement()';
    case 'dbgenerated':
      return String(value.args[0] ?? '');
    // Prisma Client fills these in; the column has no default.
    case 'uuid':
    case 'cuid':
    case 'ulid':
    case 'nanoid':
      return null;
    default:
      return `${value.name}()`;
  }
}

/** pg_get_expr's spelling of a default, reduced to what schemaDefault() says. */
function normalizeDefault(expression: string | null): string | null {
  if (expression === null) return null;
  if (/^nextval\('[^']+'::regclass\)$/.test(expression)) return 'autoincrement()';
  if (expression === 'now()') return 'CURRENT_TIMESTAMP';
  const literal = /^'((?:[^']|'')*)'::[\w" ().[\]]+$/.exec(expression);
  return literal ? literal[1]!.replaceAll("''", "'") : expression;
}

/** Prisma's default constraint name: {table}_{columns}_{suffix}, cut to PostgreSQL's 63 bytes. */
function defaultIndexName(table: string, columns: string[], suffix: string): string {
  const base = columns.length ? `${table}_${columns.join('_')}` : table;
  return `${base.slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

/** What a database migrated from this datamodel by Prisma Migrate would contain. */
function schemaShape(datamodel: Datamodel): Shape {
  const enumNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName);
    assert.ok(field, `field ${model.name}.${fieldName} not in the DMMF`);
    return field.dbName ?? field.name;
  };
  const shape: Shape = {
    enums: new Map(datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)])),
    tables: new Map(),
    indexes: new Map(),
    foreignKeys: new Map(),
  };
  for (const model of datamodel.models) {
    const table = tableOf(model);
    const columns = new Map<string, Column>();
    for (const field of model.fields) {
      if (field.kind !== 'object') {
        // Prisma Migrate creates scalar lists as nullable array columns.
        const nullable = field.isList || !field.isRequired;
        columns.set(field.dbName ?? field.name, {
          type: columnType(field, enumNames),
          nullable,
          default: schemaDefault(field),
        });
        continue;
      }
      if (!field.relationFromFields?.length) continue; // the side without the foreign key
      const target = models.get(field.type);
      assert.ok(target, `relation ${model.name}.${field.name} to unknown model ${field.type}`);
      const from = field.relationFromFields.map((f) => columnOf(model, f));
      // Prisma's defaults: SET NULL when the relation is optional, RESTRICT when required.
      const onDelete = field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull');
      shape.foreignKeys.set(`${table}(${from.join(', ')})`, {
        refTable: tableOf(target),
        refColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
        onDelete: REFERENTIAL_ACTIONS[onDelete] ?? onDelete,
        onUpdate: REFERENTIAL_ACTIONS[field.relationOnUpdate ?? 'Cascade'] ?? String(field.relationOnUpdate),
      });
    }
    shape.tables.set(table, columns);
  }
  for (const index of datamodel.indexes) {
    const model = models.get(index.model);
    assert.ok(model, `index on unknown model ${index.model}`);
    const table = tableOf(model);
    const columnNames = index.fields.map((f) => columnOf(model, f.name));
    const kind = index.type === 'id' ? 'PRIMARY KEY' : index.type === 'unique' ? 'UNIQUE INDEX' : 'INDEX';
    const suffix = index.type === 'id' ? 'pkey' : index.type === 'unique' ? 'key' : 'idx';
    const name = index.dbName ?? defaultIndexName(table, index.type === 'id' ? [] : columnNames, suffix);
    shape.indexes.set(name, {
      table,
      kind,
      method: (index.algorithm ?? 'BTree').toLowerCase(),
      columns: index.fields.map((f, i) => `${columnNames[i]}${f.sortOrder === 'desc' ? ' DESC' : ''}`),
      predicate: null,
    });
  }
  return shape;
}

/** What the database on the other end of `client` contains, in its current schema. */
async function databaseShape(client: pg.Client): Promise<Shape> {
  const shape: Shape = { enums: new Map(), tables: new Map(), indexes: new Map(), foreignKeys: new Map() };
  const enums = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name,
           array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typtype = 'e' AND n.nspname = current_schema()`);
  for (const e of enums.rows) shape.enums.set(e.name, e.values);

  const columns = await client.query<{
    table: string;
    column: string | null;
    type: string;
    nullable: boolean;
    default: string | null;
  }>(`
    SELECT c.relname AS table, a.attname AS column,
           CASE WHEN t.typtype = 'e' THEN 'enum ' || t.typname
                WHEN et.typtype = 'e' THEN 'enum ' || et.typname || '[]'
                ELSE format_type(a.atttypid, a.atttypmod) END AS type,
           NOT a.attnotnull AS nullable,
           CASE WHEN a.attidentity <> '' THEN 'GENERATED AS IDENTITY' ELSE pg_get_expr(d.adbin, d.adrelid) END AS default
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_type et ON et.oid = t.typelem
    LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
    ORDER BY c.relname, a.attnum`);
  for (const row of columns.rows) {
    const table = shape.tables.get(row.table) ?? new Map<string, Column>();
    shape.tables.set(row.table, table);
    if (row.column !== null)
      table.set(row.column, { type: row.type, nullable: row.nullable, default: normalizeDefault(row.default) });
  }

  const indexes = await client.query<{
    name: string;
    table: string;
    primary: boolean;
    unique: boolean;
    method: string;
    columns: string[];
    descending: boolean[];
    predicate: string | null;
  }>(`
    SELECT i.relname AS name, c.relname AS table, x.indisprimary AS primary, x.indisunique AS unique, am.amname AS method,
           array(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) k ORDER BY k) AS columns,
           array(SELECT (x.indoption[k - 1] & 1) = 1 FROM generate_series(1, x.indnkeyatts) k ORDER BY k) AS descending,
           pg_get_expr(x.indpred, x.indrelid) AS predicate
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class c ON c.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_am am ON am.oid = i.relam
    WHERE n.nspname = current_schema() AND c.relname <> '_prisma_migrations'`);
  for (const row of indexes.rows) {
    shape.indexes.set(row.name, {
      table: row.table,
      kind: row.primary ? 'PRIMARY KEY' : row.unique ? 'UNIQUE INDEX' : 'INDEX',
      method: row.method,
      columns: row.columns.map((c, i) => `${c.replace(/^"(.*)"$/, '$1')}${row.descending[i] ? ' DESC' : ''}`),
      predicate: row.predicate,
    });
  }

  const actions: Record<string, string> = {
    a: 'NO ACTION',
    r: 'RESTRICT',
    c: 'CASCADE',
    n: 'SET NULL',
    d: 'SET DEFAULT',
  };
  const foreignKeys = await client.query<{
    table: string;
    columns: string[];
    ref_table: string;
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(`
    SELECT t.relname AS table, r.relname AS ref_table, c.confdeltype AS on_delete, c.confupdtype AS on_update,
           array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(num, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
           array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(num, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.ord) AS ref_columns
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE c.contype = 'f' AND n.nspname = current_schema()`);
  for (const row of foreignKeys.rows) {
    shape.foreignKeys.set(`${row.table}(${row.columns.join(', ')})`, {
      refTable: row.ref_table,
      refColumns: row.ref_columns,
      onDelete: actions[row.on_delete] ?? row.on_delete,
      onUpdate: actions[row.on_update] ?? row.on_update,
    });
  }
  return shape;
}

/** Every difference between the two, one line each; empty when they agree. */
function describeDrift(
  schema: Shape,
  database: Shape,
  sqlOnlyIndexes: ReadonlySet<string> = SQL_ONLY_INDEXES,
): string[] {
  const drift: string[] = [];
  const differs = (what: string, inSchema: string, inDatabase: string) => {
    if (inSchema !== inDatabase) drift.push(`${what}: schema says ${inSchema}, database says ${inDatabase}`);
  };
  /** Reports what is on one side only, and hands what is on both to `same`. */
  function compare<T>(
    what: (key: string) => string,
    inSchema: Map<string, T>,
    inDatabase: Map<string, T>,
    same: (key: string, s: T, d: T) => void,
  ) {
    for (const [key, s] of inSchema) {
      const d = inDatabase.get(key);
      if (d === undefined) drift.push(`${what(key)}: in the schema, missing from the database`);
      else same(key, s, d);
    }
    for (const key of inDatabase.keys()) {
      if (!inSchema.has(key)) drift.push(`${what(key)}: in the database, not in the schema`);
    }
  }
  compare(
    (name) => `enum ${name}`,
    schema.enums,
    database.enums,
    (name, s, d) => differs(`enum ${name}`, `(${s.join(', ')})`, `(${d.join(', ')})`),
  );
  compare(
    (table) => `table ${table}`,
    schema.tables,
    database.tables,
    (table, s, d) => {
      const column = (name: string) => `column ${table}.${name}`;
      compare(column, s, d, (name, sc, dc) => {
        differs(column(name), `type ${sc.type}`, `type ${dc.type}`);
        differs(column(name), sc.nullable ? 'NULL' : 'NOT NULL', dc.nullable ? 'NULL' : 'NOT NULL');
        const describeDefault = (value: string | null) => (value === null ? 'no default' : `DEFAULT ${value}`);
        differs(column(name), describeDefault(sc.default), describeDefault(dc.default));
      });
    },
  );
  const databaseIndexes = new Map([...database.indexes].filter(([name]) => !sqlOnlyIndexes.has(name)));
  const describeIndex = (i: Index) =>
    `${i.kind} ON ${i.table} USING ${i.method} (${i.columns.join(', ')})${i.predicate === null ? '' : ` WHERE ${i.predicate}`}`;
  compare(
    (name) => `index ${name}`,
    schema.indexes,
    databaseIndexes,
    (name, s, d) => differs(`index ${name}`, describeIndex(s), describeIndex(d)),
  );
  const describeForeignKey = (k: ForeignKey) =>
    `REFERENCES ${k.refTable}(${k.refColumns.join(', ')}) ON DELETE ${k.onDelete} ON UPDATE ${k.onUpdate}`;
  compare(
    (key) => `foreign key ${key}`,
    schema.foreignKeys,
    database.foreignKeys,
    (key, s, d) => differs(`foreign key ${key}`, describeForeignKey(s), describeForeignKey(d)),
  );
  return drift;
}

let client: pg.Client;
let database: Shape;
beforeAll(async () => {
  assert.ok(process.env.DATABASE_URL, 'DATABASE_URL is not set: run this through `npm test`');
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  database = await databaseShape(client);
});
afterAll(async () => {
  await client?.end();
});

describe('schema.prisma and prisma/migrations', () => {
  it('agree: tables, columns, types, nullability, defaults, enums, indexes and foreign keys', () => {
    const drift = describeDrift(schemaShape(loadDatamodel(SCHEMA_TEXT)), database);
    if (drift.length > 0) assert.fail(`schema.prisma and the migrated database disagree:\n  ${drift.join('\n  ')}`);
  });

  it('the migration keeps the partial unique index on active business numbers', () => {
    const index = database.indexes.get('business_accounts_active_business_number_key');
    assert.ok(index, 'index business_accounts_active_business_number_key is missing from the database');
    assert.deepEqual(index, {
      table: 'business_accounts',
      kind: 'UNIQUE INDEX',
      method: 'btree',
      columns: ['business_number'],
      predicate: `(status = 'active'::"BusinessAccountStatus")`,
    });
  });

  it('the migration keeps the business history index on audit_events (records/business-history.ts)', () => {
    const index = database.indexes.get('audit_events_business_history_idx');
    assert.ok(index, 'index audit_events_business_history_idx is missing from the database');
    assert.deepEqual(
      { ...index, columns: index.columns.map((c) => c.replace(/\s+/g, ' ')) },
      {
        table: 'audit_events',
        kind: 'INDEX',
        method: 'btree',
        columns: [
          "( CASE WHEN subject_type = 'membership'::text THEN split_part(subject_id, ':'::text, 1) ELSE subject_id END)",
          'occurred_at',
          'id',
        ],
        predicate: "(subject_type = ANY (ARRAY['business_account'::text, 'membership'::text]))",
      },
    );
  });

  it('the migration keeps the append-only triggers on audit_events', async () => {
    const { rows } = await client.query<{ name: string; type: number; enabled: string; function: string }>(`
      SELECT tg.tgname AS name, tg.tgtype AS type, tg.tgenabled AS enabled, p.proname AS function
      FROM pg_trigger tg
      JOIN pg_class c ON c.oid = tg.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_proc p ON p.oid = tg.tgfoid
      WHERE c.relname = 'audit_events' AND n.nspname = current_schema() AND NOT tg.tgisinternal
      ORDER BY tg.tgname`);
    // tgtype bits: 1 ROW, 2 BEFORE, 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE. 'O': enabled.
    assert.deepEqual(rows, [
      { name: 'audit_events_no_truncate', type: 2 | 32, enabled: 'O', function: 'audit_events_append_only' },
      {
        name: 'audit_events_no_update_or_delete',
        type: 1 | 2 | 8 | 16,
        enabled: 'O',
        function: 'audit_events_append_only',
      },
    ]);
  });
});

describe('the drift check reports', () => {
  /** The drift between the migrated database and schema.prisma with `from` replaced by `to`. */
  function driftAfter(from: RegExp | string, to: string): string[] {
    const altered = SCHEMA_TEXT.replace(from, to);
    assert.notEqual(altered, SCHEMA_TEXT, `test setup: ${String(from)} is not in schema.prisma`);
    return describeDrift(schemaShape(loadDatamodel(altered)), database);
  }

  it('nullability, both ways', () => {
    assert.deepEqual(driftAfter(/^(\s+phone\s+)String$/m, '$1String?'), [
      'column user_accounts.phone: schema says NULL, database says NOT NULL',
    ]);
    const nullablePhone = structuredClone(database);
    nullablePhone.tables.get('user_accounts')!.get('phone')!.nullable = true;
    assert.deepEqual(describeDrift(schemaShape(loadDatamodel(SCHEMA_TEXT)), nullablePhone), [
      'column user_accounts.phone: schema says NOT NULL, database says NULL',
    ]);
  });

  it('a native type', () => {
    assert.deepEqual(driftAfter('@map("owner_country") @db.Char(2)', '@map("owner_country") @db.Char(3)'), [
      'column business_accounts.owner_country: schema says type character(3), database says type character(2)',
    ]);
    assert.deepEqual(driftAfter(/^(\s+failedAttempts\s+)Int /m, '$1BigInt '), [
      'column cbsa_authorizations.failed_attempts: schema says type bigint, database says type integer',
    ]);
  });

  it('a column or table missing on either side', () => {
    assert.deepEqual(driftAfter(/^(\s+phone\s+String)$/m, '$1\n  nickname String?'), [
      'column user_accounts.nickname: in the schema, missing from the database',
    ]);
    assert.deepEqual(driftAfter(/^\s+ownerAddressLine2 .*$/m, ''), [
      'column business_accounts.owner_address_line2: in the database, not in the schema',
    ]);
    const withScratch = structuredClone(database);
    withScratch.tables.set('scratch', new Map());
    assert.deepEqual(describeDrift(schemaShape(loadDatamodel(SCHEMA_TEXT)), withScratch), [
      'table scratch: in the database, not in the schema',
    ]);
  });

  it('a default', () => {
    assert.deepEqual(driftAfter('Int                    @default(0)', 'Int                   '), [
      'column cbsa_authorizations.failed_attempts: schema says no default, database says DEFAULT 0',
    ]);
    assert.deepEqual(driftAfter('BusinessAccountStatus @default(active)', 'BusinessAccountStatus @default(deleted)'), [
      'column business_accounts.status: schema says DEFAULT deleted, database says DEFAULT active',
    ]);
  });

  it('enum values and their order', () => {
    assert.deepEqual(driftAfter(/^(\s+)account_browser$/m, '$1account_browser\n$1auditor'), [
      'enum Role: schema says (owner, proxy, account_user, account_browser, auditor), database says (owner, proxy, account_user, account_browser)',
    ]);
    assert.deepEqual(driftAfter(/^(\s+)en\n(\s+)fr$/m, '$1fr\n$2en'), [
      'enum Language: schema says (fr, en), database says (en, fr)',
    ]);
  });

  it('indexes', () => {
    assert.deepEqual(driftAfter('@@index([workflowId])', ''), [
      'index audit_events_workflow_id_idx: in the database, not in the schema',
    ]);
    assert.deepEqual(driftAfter('@@index([businessAccountId])', '@@index([businessAccountId], type: Hash)'), [
      'index memberships_business_account_id_idx: schema says INDEX ON memberships USING hash (business_account_id), database says INDEX ON memberships USING btree (business_account_id)',
    ]);
    assert.deepEqual(driftAfter(/^(\s+email\s+String)$/m, '$1 @unique'), [
      'index user_accounts_email_key: in the schema, missing from the database',
    ]);
    // Only the allowance keeps the SQL-only indexes from counting as drift.
    assert.deepEqual(describeDrift(schemaShape(loadDatamodel(SCHEMA_TEXT)), database, new Set()), [
      'index business_accounts_active_business_number_key: in the database, not in the schema',
      'index audit_events_business_history_idx: in the database, not in the schema',
    ]);
  });

  it('foreign keys', () => {
    const required =
      /(userAccount\s+UserAccount\s+@relation\(fields: \[userAccountId\], references: \[id\])\)\n(\s+businessAccountId)/;
    assert.deepEqual(driftAfter(required, '$1, onDelete: Cascade)\n$2'), [
      'foreign key memberships(user_account_id): schema says REFERENCES user_accounts(id) ON DELETE CASCADE ON UPDATE CASCADE, database says REFERENCES user_accounts(id) ON DELETE RESTRICT ON UPDATE CASCADE',
    ]);
    // An optional relation made required: the column and Prisma's default ON DELETE change together.
    assert.deepEqual(
      driftAfter(
        /String\?(\s+@unique @map\("user_account_id"\) @db\.Uuid)\n(\s+userAccount\s+)UserAccount\?/,
        'String$1\n$2UserAccount',
      ),
      [
        'column credential_links.user_account_id: schema says NOT NULL, database says NULL',
        'foreign key credential_links(user_account_id): schema says REFERENCES user_accounts(id) ON DELETE RESTRICT ON UPDATE CASCADE, database says REFERENCES user_accounts(id) ON DELETE SET NULL ON UPDATE CASCADE',
      ],
    );
  });

  it('a renamed table (@@map)', () => {
    const drift = driftAfter('@@map("terms_acceptances")', '@@map("terms")');
    assert.ok(drift.includes('table terms: in the schema, missing from the database'), drift.join('\n'));
    assert.ok(drift.includes('table terms_acceptances: in the database, not in the schema'), drift.join('\n'));
    assert.ok(
      drift.includes('foreign key terms(user_account_id): in the schema, missing from the database'),
      drift.join('\n'),
    );
  });
});
