// The licensee dashboard in a real browser, the whole path of a new user (support/dashboard-flow.ts)
// on a desktop screen: an axe scan of every main page, no page wider than the screen, no error
// thrown; screenshots as artifacts. The same walk on a phone is dashboard-phone.spec.ts.
import { walkSpec } from './support/dashboard-flow.js';

walkSpec({ screen: 'a desktop screen', label: 'desktop', email: 'owner@tea.example', viewport: { width: 1280, height: 860 } });
