import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone-format.js';

describe('formatPhone', () => {
  it('groups a Russian number as people in Russia write it', () => {
    expect(formatPhone('+79165551234')).toBe('+7 916 555-12-34');
  });

  it('leaves other numbers and other text as stored', () => {
    for (const v of ['+442079460958', '+7916555123', '89165551234', 'Анна', '']) expect(formatPhone(v)).toBe(v);
  });
});
