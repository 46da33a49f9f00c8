import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlText } from '../../scripts/render/escape.ts';

/** What a browser shows for escaped text: the five entities decoded, nothing else. */
function decoded(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('htmlText: the one escaper for HTML', () => {
  it('leaves no tag, comment, entity or attribute end in hostile text', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '"><svg onload=alert(1)>',
      "' onmouseover='alert(1)",
      '<!-- forged marker -->',
      '&lt;b&gt; already escaped &#64;',
      '</td></tr></table><h1>Forged</h1>',
    ];
    for (const text of hostile) {
      const escaped = htmlText(text);
      expect(escaped).not.toMatch(/[<>"']/);
      expect(decoded(escaped)).toBe(text);
    }
    expect(htmlText('&#64;x')).toBe('&amp;#64;x');
  });

  it('turns line breaks and control characters into spaces and drops bidi overrides', () => {
    expect(htmlText('a\nb\r\nc\u0000d\u2028e')).toBe('a b  c d e');
    expect(htmlText('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
    expect(htmlText('\u200bhidden\ufeff')).toBe('hidden');
  });

  it('keeps any text readable and inert (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = htmlText(text);
        expect(escaped).not.toMatch(/[<>"']/);
        // Every ampersand starts one of the entities it writes.
        expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        // biome-ignore lint/suspicious/noControlCharactersInRegex: checking none is left is the point
        expect(escaped).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        const plain = decoded(escaped);
        expect(plain.length).toBeLessThanOrEqual(text.length);
      }),
    );
  });
});
