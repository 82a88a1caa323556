/** Writes .gz and .br beside every compressible file under dir (see precompress.mjs). */
export function precompress(dir: string): Promise<void>;
