import { controlCharacterIn } from './text';

describe('control characters in text', () => {
  it.each([
    ['\u0000', 'U+0000', 1],
    ['ab\u0007', 'U+0007', 3],
    ['x\u001Bx', 'U+001B', 2],
    ['\u007F', 'U+007F', 1],
    ['\u0085', 'U+0085', 1],
    ['\u009F', 'U+009F', 1],
  ])('refuses %j, naming %s at position %d', (text, code, position) => {
    expect(controlCharacterIn(text)).toBe(`contains a control character (${code}) at position ${position}`);
  });

  it('lets tabs and line breaks through in multi-line text, but not in a one-line value', () => {
    expect(controlCharacterIn('første linje\r\nanden\tlinje')).toBeUndefined();
    expect(controlCharacterIn('a\tb', { singleLine: true })).toBe('contains a control character (U+0009) at position 2');
    expect(controlCharacterIn('a\nb', { singleLine: true })).toBe('contains a control character (U+000A) at position 2');
  });

  it('accepts Danish letters, typographic punctuation and other scripts', () => {
    expect(controlCharacterIn('Ærø – “Sygedagpenge” … 2.113 € ½ ñ 日本', { singleLine: true })).toBeUndefined();
    expect(controlCharacterIn('\u00A0non-breaking space')).toBeUndefined();
  });
});
