// Entry of the licensee dashboard (served under /app/ by the server, strict CSP, no inline code).
// The shared styles first: each feature's own stylesheet, imported where it is used, comes after them.
import './styles/base.css';
import './styles/controls.css';
import './styles/feedback.css';
import { render } from 'preact';
import { App } from './app.js';
import { initialLang, setLang } from './i18n/i18n.js';

// English is a separate chunk: wait for it rather than flash Russian first. setLang also keeps
// a language a link asked for as the choice from now on.
setLang(initialLang()).finally(() => render(<App />, document.getElementById('app')!));
