// The licensee dashboard in a real browser, the whole path of a new user (support/dashboard-flow.ts)
// on a 375 px phone: navigation through the menu button, tables as cards, the editor's preview
// above the form. An axe scan of every main page, no page wider than the screen (no sideways
// scrolling), no error thrown; screenshots as artifacts. The desktop walk is dashboard-desktop.spec.ts.
import { walkSpec } from './support/dashboard-flow.js';

walkSpec({ screen: 'a 375 px phone', label: 'phone', email: 'owner@phone.example', viewport: { width: 375, height: 740 } });
