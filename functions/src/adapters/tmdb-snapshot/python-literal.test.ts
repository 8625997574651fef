import { describe, expect, it } from 'vitest';
import { parsePythonLiteral, PyLiteralError } from './python-literal.js';

describe('parsePythonLiteral', () => {
  it('parses the keywords.csv shape', () => {
    expect(parsePythonLiteral("[{'id': 931, 'name': 'jealousy'}, {'id': 4290, 'name': 'toy'}]")).toEqual([
      { id: 931, name: 'jealousy' },
      { id: 4290, name: 'toy' },
    ]);
  });

  it('reads an apostrophe inside a double-quoted string', () => {
    expect(parsePythonLiteral(`[{'id': 15101, 'name': "based on children's book"}]`)).toEqual([
      { id: 15101, name: "based on children's book" },
    ]);
  });

  it('decodes escaped quotes and backslashes', () => {
    expect(parsePythonLiteral(String.raw`['it\'s', "say \"hi\"", 'back\\slash', 'tab\there']`)).toEqual([
      "it's",
      'say "hi"',
      'back\\slash',
      'tab\there',
    ]);
  });

  it('decodes \\x, \\u, \\U and octal escapes, and keeps literal unicode', () => {
    expect(
      parsePythonLiteral(String.raw`['\xa0nightgown', '\u00e9t\u00e9', '\U0001F3AC', '\101', 'naïve 東京']`),
    ).toEqual(['\u00a0nightgown', 'été', '🎬', 'A', 'naïve 東京']);
  });

  it('keeps unknown escapes verbatim, as Python does', () => {
    expect(parsePythonLiteral(String.raw`'a\qb'`)).toBe('a\\qb');
  });

  it('parses empty containers, nesting, negative ints and a trailing comma', () => {
    expect(parsePythonLiteral('[]')).toEqual([]);
    expect(parsePythonLiteral(' { } ')).toEqual({});
    expect(parsePythonLiteral("[[1, -2], {'a': [{}]},]")).toEqual([[1, -2], { a: [{}] }]);
  });

  it('treats "__proto__" as an ordinary key', () => {
    const dict = parsePythonLiteral("{'__proto__': 1}") as Record<string, unknown>;
    expect(Object.keys(dict)).toEqual(['__proto__']);
    expect(dict['__proto__']).toBe(1);
  });

  it.each([
    ["[{'id': 1, 'name': 'open}]", /unterminated string/],
    ["[{'id': 1 'name': 'x'}]", /expected ',' or '}', found "'" at offset 10/],
    ['[1.5]', /only integers/],
    ['[None]', /unexpected character "N"/],
    ['[1] x', /unexpected trailing characters at offset 4/],
    ["[{'id': 1}", /expected ',' or '\]', found end of input at offset 10/],
    ['', /unexpected end of input at offset 0/],
    [String.raw`'\x4'`, /malformed \\x escape/],
    ['{[1]: 2}', /dict key must be a string or int/],
  ])('rejects %s', (input, message) => {
    expect(() => parsePythonLiteral(input)).toThrow(PyLiteralError);
    expect(() => parsePythonLiteral(input)).toThrow(message);
  });
});
