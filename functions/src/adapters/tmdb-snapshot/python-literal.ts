/**
 * A parser for the subset of Python literal syntax that The Movies Dataset wrote with `repr()`:
 * lists, dicts, single- or double-quoted strings with backslash escapes, and integers, e.g.
 * `[{'id': 931, 'name': "children's book"}]`. It never evaluates anything; anything outside that
 * grammar (floats, None, tuples, sets, prefixed strings) is rejected with an offset.
 */
export type PyLiteral = string | number | PyLiteral[] | { [key: string]: PyLiteral };

export class PyLiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'PyLiteralError';
  }
}

/** Single-character escapes Python understands inside a string literal. */
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  a: '\x07',
  '\n': '', // backslash-newline continues the line
};

/** Hex escapes: `\xHH`, `\uHHHH`, `\UHHHHHHHH`, with their digit counts. */
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseDocument(): PyLiteral {
    const value = this.parseValue();
    this.skipSpace();
    if (this.pos !== this.text.length) throw this.error('unexpected trailing characters');
    return value;
  }

  private error(message: string): PyLiteralError {
    return new PyLiteralError(message, this.pos);
  }

  private skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.pos++;
    }
  }

  private parseValue(): PyLiteral {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '[') return this.parseList();
    if (c === '{') return this.parseDict();
    if (c === "'" || c === '"') return this.parseString();
    if (c !== undefined && /[-+0-9]/.test(c)) return this.parseInt();
    throw this.error(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
  }

  /** Parses `open item, item, ... close` (Python allows a trailing comma). */
  private parseSequence(close: string, item: () => void): void {
    this.pos++; // the opening bracket
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) break;
      item();
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === close) break;
      const found = c === undefined ? 'end of input' : JSON.stringify(c);
      throw this.error(`expected ',' or '${close}', found ${found}`);
    }
    this.pos++; // the closing bracket
  }

  private parseList(): PyLiteral[] {
    const items: PyLiteral[] = [];
    this.parseSequence(']', () => items.push(this.parseValue()));
    return items;
  }

  private parseDict(): { [key: string]: PyLiteral } {
    // A null-prototype object so keys such as "__proto__" are plain data.
    const dict = Object.create(null) as { [key: string]: PyLiteral };
    this.parseSequence('}', () => {
      const key = this.parseValue();
      if (typeof key !== 'string' && typeof key !== 'number') throw this.error('dict key must be a string or int');
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw this.error("expected ':'");
      this.pos++;
      dict[String(key)] = this.parseValue();
    });
    return dict;
  }

  private parseInt(): number {
    const match = /[-+]?\d+/y;
    match.lastIndex = this.pos;
    const m = match.exec(this.text);
    if (!m) throw this.error('malformed integer');
    this.pos += m[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[.\w]/.test(next)) throw this.error('only integers are supported');
    return Number(m[0]);
  }

  private parseString(): string {
    const text = this.text;
    const quote = text[this.pos] as string;
    let out = '';
    let i = this.pos + 1;
    for (;;) {
      // Fast path: copy the run up to the next quote or backslash in one slice.
      let end = i;
      while (end < text.length && text[end] !== quote && text[end] !== '\\' && text[end] !== '\n') end++;
      out += text.slice(i, end);
      if (end >= text.length || text[end] === '\n') {
        this.pos = end;
        throw this.error('unterminated string');
      }
      if (text[end] === quote) {
        this.pos = end + 1;
        return out;
      }
      const [decoded, next] = this.parseEscape(end);
      out += decoded;
      i = next;
    }
  }

  /** Decodes the escape whose backslash is at `at`; returns the text and the index after it. */
  private parseEscape(at: number): [string, number] {
    const c = this.text[at + 1];
    if (c === undefined) {
      this.pos = at;
      throw this.error('unterminated string');
    }
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return [simple, at + 2];
    const octal = /[0-7]{1,3}/y; // `\0`, `\12`, `\177`
    octal.lastIndex = at + 1;
    const o = octal.exec(this.text);
    if (o) return [String.fromCharCode(parseInt(o[0], 8)), at + 1 + o[0].length];
    const digits = HEX_ESCAPES[c];
    if (digits !== undefined) {
      const hex = this.text.slice(at + 2, at + 2 + digits);
      if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) {
        this.pos = at;
        throw this.error(`malformed \\${c} escape`);
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) {
        this.pos = at;
        throw this.error(`\\${c} escape out of range`);
      }
      return [String.fromCodePoint(code), at + 2 + digits];
    }
    // Python keeps unknown escapes verbatim, backslash included.
    return ['\\' + c, at + 2];
  }
}

/** Parses one Python literal; throws PyLiteralError (with the offset) on anything else. */
export function parsePythonLiteral(text: string): PyLiteral {
  return new Parser(text).parseDocument();
}
