// Project-root paths. This file sits two folders below the root (server/src/), and the
// server bundle (dist/server/index.js) does too, so the same relative URL works in both.
import { fileURLToPath } from 'node:url';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

export const PROJECT_ROOT = root('');
export const MIGRATIONS_DIR = root('drizzle');
export const EMBED_MANIFEST_PATH = root('dist/embed-manifest.json');
