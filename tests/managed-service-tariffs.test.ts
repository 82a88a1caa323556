// The dashboard decides from the tariff id alone (that is what /api/me names) whether to offer
// service requests: its list must be the server catalogue's tariffs with a managed service.
import { describe, expect, it } from 'vitest';
import { MANAGED_SERVICE_TARIFFS } from '../dashboard/src/tariff/managed-service.js';
import { TARIFFS } from '../server/src/platform/tariffs/catalogue.js';

describe('the all-inclusive tariffs', () => {
  it('are the same in the dashboard and in the server catalogue', () => {
    const withService = Object.values(TARIFFS)
      .filter((t) => t.managedService !== null)
      .map((t) => t.id);
    expect([...MANAGED_SERVICE_TARIFFS].sort()).toEqual(withService.sort());
  });
});
