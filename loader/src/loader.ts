// Entry of loader.js (an IIFE, no dependencies): hands the real page globals to boot().
import { boot } from './boot.js';

// `import()` from a classic script loads the ES-module runtime; it obeys the page's CSP
// script-src like any script, so allowing our origin is enough. boot() never rejects.
boot(window, document, (url) => import(url));
