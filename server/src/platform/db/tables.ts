// The PostgreSQL schema's tables as one object (the schema modules also export constants).
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.js';
import type { Tables } from './store.js';

export const pgTables = Object.fromEntries(Object.entries(schema).filter(([, v]) => is(v, PgTable))) as unknown as Tables;
