// What may import what (README, Layout): the four deliverables share contracts/ only, the embed
// takes its values from the dependency-free core, and no part reaches into another's source.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/gm)) {
    out.push({ file, spec: m[2]!, typeOnly: Boolean(m[1]) });
  }
  // Dynamic imports of other source files (the loader imports built chunks by URL, not by path).
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) out.push({ file, spec: m[1]!, typeOnly: false });
  return out;
}

/** The top-level folder an import lands in ('npm:<name>' for packages). */
function target(imp: Import): string {
  if (imp.spec.startsWith('#contracts/')) return `contracts/${imp.spec.split('/')[1]}`;
  if (!imp.spec.startsWith('.')) return `npm:${imp.spec.startsWith('@') ? imp.spec.split('/').slice(0, 2).join('/') : imp.spec.split('/')[0]}`;
  const path = relative(ROOT, resolve(ROOT, imp.file, '..', imp.spec));
  const [top, second] = path.split('/');
  return top === 'contracts' ? `contracts/${second}` : top!;
}

function offending(dirs: string[], allowed: (t: string, imp: Import) => boolean): string[] {
  return dirs
    .flatMap(sources)
    .flatMap(importsOf)
    .flatMap((imp) => (allowed(target(imp), imp) ? [] : [`${imp.file} → ${imp.spec}`]));
}

describe('import boundaries', () => {
  it('contracts/core depends on nothing', () => {
    expect(offending(['contracts/core'], (t) => t === 'contracts/core')).toEqual([]);
  });

  it('contracts/schemas: zod and core only', () => {
    expect(offending(['contracts/schemas'], (t) => t === 'contracts/core' || t === 'contracts/schemas' || t === 'npm:zod')).toEqual([]);
  });

  it('the loader: contracts core only, no runtime packages', () => {
    expect(offending(['loader/src'], (t) => t === 'loader' || t === 'contracts/core')).toEqual([]);
  });

  it('the widget runtime: preact and contracts core only (no zod, no server or dashboard)', () => {
    expect(offending(['widget-runtime/src'], (t) => t === 'widget-runtime' || t === 'contracts/core' || t.startsWith('npm:preact') || t === 'npm:@preact/signals')).toEqual([]);
  });

  it('the dashboard: its own code and contracts; the server by type only (the typed API client)', () => {
    expect(offending(['dashboard/src'], (t, imp) => t === 'dashboard' || t.startsWith('contracts/') || t.startsWith('npm:') || (t === 'server' && imp.typeOnly))).toEqual([]);
  });

  it('the server: its own code, contracts and packages; never the embed or dashboard source', () => {
    expect(offending(['server/src'], (t) => t === 'server' || t.startsWith('contracts/') || t.startsWith('npm:') || t.startsWith('node:') || t === 'npm:node:')).toEqual([]);
  });

  it('the server: the platform imports neither product, and the two products never import each other', () => {
    // platform/, widgets/ and realtime/ under server/src; the top (app.ts, compose.ts, jobs.ts, …) wires them.
    const part = (file: string) => relative(join(ROOT, 'server/src'), join(ROOT, file)).split('/')[0]!;
    const allowedFrom: Record<string, readonly string[]> = { platform: ['platform'], widgets: ['platform', 'widgets'], realtime: ['platform', 'realtime'] };
    const crossing = Object.entries(allowedFrom).flatMap(([from, allowed]) =>
      sources(`server/src/${from}`)
        .flatMap(importsOf)
        .filter((imp) => imp.spec.startsWith('.'))
        .map((imp) => ({ imp, to: part(relative(ROOT, resolve(ROOT, imp.file, '..', imp.spec))) }))
        .filter(({ to }) => (to === 'platform' || to === 'widgets' || to === 'realtime') && !allowed.includes(to))
        .map(({ imp }) => `${imp.file} → ${imp.spec}`),
    );
    expect(crossing).toEqual([]);
  });
});
