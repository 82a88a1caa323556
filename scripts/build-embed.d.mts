// Types for scripts/build-embed.mjs, so TypeScript tests can import it.

export interface BuildEmbedOptions {
  /** Where loader.js and rt/ go; resolved from the repo root. Default "dist/public". */
  outDir?: string;
  minify?: boolean;
}

export interface BuiltFile {
  /** Relative to outDir, "/"-separated: "loader.js", "rt/form.js", "rt/chunk-XXXX.js". */
  path: string;
  bytes: number;
  /** gzip level 9 */
  gzip: number;
}

export interface BuildEmbedResult {
  files: BuiltFile[];
  /** Absolute path of {outDir}/../embed-manifest.json */
  manifest: string;
  /** Source files esbuild bundled, relative to the repo root. */
  inputs: { loader: string[]; runtime: string[] };
}

export function buildEmbed(options?: BuildEmbedOptions): Promise<BuildEmbedResult>;
