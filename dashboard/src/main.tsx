// Entry of the licensee dashboard (served under /app/ by the server, strict CSP, no inline code).
// The shared styles first: each feature's own stylesheet, imported where it is used, comes after them.
import './styles/base.css';
import './styles/controls.css';
import './styles/feedback.css';
import { render } from 'preact';
import { App } from './app.js';
import { chosenLang, setLang } from './i18n/i18n.js';

// English is a separate chunk: wait for it rather than flash Russian first. setLang also keeps
// a language a link asked for as the choice from now on. With nothing chosen on this device,
// Russian is only a default: once signed in, the account's language replaces it (app.tsx).
const chosen = chosenLang();
setLang(chosen ?? 'ru', chosen !== null).finally(() => render(<App />, document.getElementById('app')!));
