import { describe, expect, it } from 'vitest';
import { createLogger, scrubPersonalData } from './logger.js';

describe('logger', () => {
  it('writes one JSON line per event with the level as a word, the message and the fields', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (l) => lines.push(l));
    logger.debug('hidden');
    logger.info('job.lead_retention', { destroyed: 3 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'job.lead_retention', destroyed: 3, pid: process.pid });
  });

  it('censors fields named for personal data, and masks addresses and phones inside any string', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (l) => lines.push(l));
    logger.error('mail.failed', {
      email: 'anna@example.ru',
      lead: { phone: '+79001234567', id: 'lead_1' },
      error: 'Error: 550 5.1.1 <anna.petrova@example.ru>: Recipient address rejected; call +7 (903) 111-22-33 or 8 903 111 22 33',
      stack: 'at node_modules/@hono/node-server/dist/index.js:1:1',
    });
    const line = JSON.parse(lines[0]!);
    expect(line.email).toBe('[redacted]');
    expect(line.lead).toEqual({ phone: '[redacted]', id: 'lead_1' });
    expect(line.error).toBe('Error: 550 5.1.1 <[email]>: Recipient address rejected; call [phone] or [phone]');
    expect(line.stack).toBe('at node_modules/@hono/node-server/dist/index.js:1:1');
    expect(scrubPersonalData('ids stay: lead_8123456789 1767225600000')).toBe('ids stay: lead_8123456789 1767225600000');
  });

  it("masks a failed query's values, which drizzle puts in its error's message and so in the stack", () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (l) => lines.push(l));
    const stack =
      'Error: Failed query: insert into "leads" ("id", "fields", "ip", "user_agent") values ($1, $2, $3, $4)\nparams: lead_1,{"name":"Евлампия","message":"строка один\nстрока два"},10.1.2.3,Mozilla/5.0 Chrome/140\n    at NodePgPreparedQuery.queryWithCache (file:///app/node_modules/drizzle-orm/pg-core/session.js:41:15)\n    at async handler (file:///app/dist/server/index.js:1:1)';
    logger.error('request.failed', { error: stack });
    expect(JSON.parse(lines[0]!).error).toBe(
      'Error: Failed query: insert into "leads" ("id", "fields", "ip", "user_agent") values ($1, $2, $3, $4)\nparams: [redacted]\n    at NodePgPreparedQuery.queryWithCache (file:///app/node_modules/drizzle-orm/pg-core/session.js:41:15)\n    at async handler (file:///app/dist/server/index.js:1:1)',
    );
    // The message alone, without a stack below it.
    expect(scrubPersonalData('Failed query: select 1\nparams: 10.1.2.3,Евлампия')).toBe('Failed query: select 1\nparams: [redacted]');
  });

  it('a line of already serialized fields is the same line pino writes for those fields, at the same levels', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (l) => lines.push(l));
    const fields = { requestId: 'proxy-req-42', method: 'GET', route: '/api/sites/:id', status: 200, ms: 0.3 };
    logger.info('request', fields);
    logger.checked('info', 'request', `"requestId":"proxy-req-42","method":"GET","route":"/api/sites/:id","status":200,"ms":0.3`);
    logger.checked('debug', 'request', `"route":"/healthz"`);
    expect(lines).toHaveLength(2);
    const [viaPino, checked] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // Byte for byte apart from the time, which may have ticked between the two calls.
    expect({ ...checked, time: undefined }).toEqual({ ...viaPino, time: undefined });
    expect(lines[1]!.replace(/"time":"[^"]+"/, '')).toBe(lines[0]!.replace(/"time":"[^"]+"/, ''));
    expect(new Date(checked!.time as string).toISOString()).toBe(checked!.time);
  });
});
