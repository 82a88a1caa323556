// Who is working in whose account: the one rule the overview, the account menu and the account page share.
import { describe, expect, it } from 'vitest';
import type { Me } from './api-types.js';
import { inTeamAccount } from './session.js';

const me = (teamRole: Me['teamRole'], person: string, email: string) => ({ teamRole, person, email }) as Me;

describe('inTeamAccount', () => {
  it('is false in one’s own account, true as an invited editor or viewer', () => {
    expect(inTeamAccount(me('owner', 'anna@example.com', 'anna@example.com'))).toBe(false);
    expect(inTeamAccount(me('editor', 'boris@example.com', 'anna@example.com'))).toBe(true);
    expect(inTeamAccount(me('viewer', 'boris@example.com', 'anna@example.com'))).toBe(true);
  });
});
