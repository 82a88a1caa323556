// Writes file.gz (gzip -9) and file.br (brotli q11) beside every built script and stylesheet,
// so the server sends compressed bytes without compressing per request (serveStatic's
// `precompressed`): the loader is on every page of every site, and the 3 KB / 12 KB budgets of
// issue 5 are about what a visitor actually downloads.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|css|svg|json|html)$/;

export async function precompress(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return; // nothing built there
  }
  await Promise.all(
    entries
      .filter((e) => e.isFile() && COMPRESSIBLE.test(e.name))
      .map(async (e) => {
        const path = join(e.parentPath ?? e.path, e.name);
        const buf = await readFile(path);
        await writeFile(`${path}.gz`, gzipSync(buf, { level: 9 }));
        await writeFile(`${path}.br`, brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }));
      }),
  );
}
