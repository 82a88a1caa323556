// Preloaded into a server under test (node --require): when the process exits, writes the
// CommonJS files it loaded (require.cache, which also holds those that ES modules imported) to
// the file LOADED_FILES_OUT names, one path a line.
const { writeFileSync } = require('node:fs');

const out = process.env.LOADED_FILES_OUT;
if (out) process.on('exit', () => writeFileSync(out, Object.keys(require.cache).join('\n')));
