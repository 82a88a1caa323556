import { describe, expect, it } from 'vitest';
import { isTemplateExample, TEMPLATE_EXAMPLES, templateExampleFields } from './template-examples.js';

describe('template example values', () => {
  it('recognises each example however it is written, and nothing of the owner’s', () => {
    for (const v of [
      ...Object.values(TEMPLATE_EXAMPLES),
      'https://example.ru/sale',
      'https://www.example.com/x',
      't.me/example_shop',
      'https://wa.me/79000000000',
      'tel:+79000000000',
      '8 900 000 00 00',
      'https://wa.me/442079460000',
      'tel:+442079460000',
      '020 7946 0000',
    ]) {
      expect(isTemplateExample(v), v).toBe(true);
    }
    for (const v of ['https://shop.example.ru/sale', '@my_shop', '+7 900 123-45-67', '+44 20 7946 0958', '+44 20 7123 4567', 'Скидка на example', 'https://example.org.evil.ru/', '']) {
      expect(isTemplateExample(v), v).toBe(false);
    }
  });

  it('names the fields by path, skipping input placeholders', () => {
    const content = {
      buttonUrl: 'https://example.ru/sale',
      fields: [{ key: 'phone', placeholder: TEMPLATE_EXAMPLES.phoneRu }],
      channels: [
        { kind: 'telegram', value: '@example_shop' },
        { kind: 'vk', value: 'vk.com/real_shop' },
        { kind: 'phone', value: '+7 900 000-00-00' },
        { kind: 'whatsapp', value: '+44 20 7946 0000' },
      ],
    };
    expect(templateExampleFields(content)).toEqual(['content.buttonUrl', 'content.channels.0.value', 'content.channels.2.value', 'content.channels.3.value']);
  });
});
