import { describe, expect, it } from 'vitest';
import { QUEUE_STUB, installSnippet } from './snippet.js';

describe('installSnippet', () => {
  it('is the queue stub followed by the async loader tag, on one line', () => {
    expect(installSnippet('https://widgetry.ru', 'k_123')).toBe(
      '<script>window.widgetry=window.widgetry||function(){(widgetry.q=widgetry.q||[]).push(arguments)}</script>' + '<script async src="https://widgetry.ru/loader.js" data-site="k_123"></script>',
    );
    expect(installSnippet('https://widgetry.ru', 'k_123').startsWith(QUEUE_STUB)).toBe(true);
  });

  it('drops trailing slashes of the public URL', () => {
    expect(installSnippet('http://localhost:8787/', 'k')).toContain('src="http://localhost:8787/loader.js"');
  });

  it('HTML-escapes attribute values', () => {
    const html = installSnippet('https://x.ru/?a=1&b="2"', `k"><script>alert('x')</script>`);
    expect(html).toContain('src="https://x.ru/?a=1&amp;b=&quot;2&quot;/loader.js"');
    expect(html).toContain('data-site="k&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"');
    expect(html.match(/<script/g)).toHaveLength(2);
  });
});
