// The site's time-zone select: current IANA names only, Moscow first and Russia's zones on top,
// and a site saved under an old name keeps its value.
import { describe, expect, it } from 'vitest';
import { RENAMED_ZONES, timeZoneOptions, zoneList } from './time-zones.js';

// What Chromium 156 and Node 20 list: CLDR's names, the renamed zones among them.
const ENGINE = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

describe('time zones', () => {
  it('offer Moscow first, then the rest of Russia, then the world', () => {
    const list = zoneList(ENGINE);
    expect(list[0]).toBe('Europe/Moscow');
    expect(list.slice(0, 26)).toContain('Asia/Kamchatka');
    expect(list.indexOf('Europe/Berlin')).toBeGreaterThan(25);
  });

  it('by their current IANA names: no Europe/Kiev or Asia/Calcutta, each zone once', () => {
    const list = zoneList([...ENGINE, 'Europe/Kiev', 'Asia/Calcutta', 'Europe/Kyiv']);
    for (const old of Object.keys(RENAMED_ZONES)) expect(list, old).not.toContain(old);
    expect(list).toContain('Europe/Kyiv');
    expect(list).toContain('Asia/Kolkata');
    expect(new Set(list).size).toBe(list.length);
  });

  it('every name offered is one the engine (and so the server’s check) accepts', () => {
    for (const zone of Object.values(RENAMED_ZONES)) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone }), zone).not.toThrow();
  });

  it('a site saved as Europe/Kiev keeps that value, shown as Kyiv, and only once', () => {
    const options = timeZoneOptions('Europe/Kiev', ENGINE);
    const kyiv = options.filter((o) => o.label.startsWith('Europe/Kyiv'));
    expect(kyiv).toHaveLength(1);
    expect(kyiv[0]!.value).toBe('Europe/Kiev');
    expect(options.some((o) => o.label.startsWith('Europe/Kiev'))).toBe(false);
  });

  it('a zone the engine does not list is still offered, after Russia’s', () => {
    const options = timeZoneOptions('America/Ciudad_Juarez', ['Europe/Berlin']);
    expect(options[0]!.value).toBe('Europe/Moscow');
    expect(options.map((o) => o.value)).toContain('America/Ciudad_Juarez');
  });
});
