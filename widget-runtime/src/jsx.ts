// Imported into every runtime .tsx module by scripts/build-embed.mjs: JSX compiles to classic
// h(type, props, ...children) calls, which minify shorter than the automatic runtime's
// jsx(type, { ...props, children: [...] }) and need no preact/jsx-runtime (~130 B gzipped).
// Type-checking still uses tsconfig's react-jsx mode; both produce the same vnodes.
export { Fragment, h } from 'preact';
