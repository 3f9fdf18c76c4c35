const QUOTE = 0x22;
const COMMA = 0x2c;

/**
 * The fields of one physical line of CSV (without its line break) when the line is plain
 * RFC 4180: unquoted fields without quotes, and quoted fields (`""` for a quote) that close
 * on this line just before a comma or the line end. Null for anything else (a CR, a quote
 * inside an unquoted field, a quote left open, text after a closing quote): csv-parse decides
 * those, with its relaxed rules and its record delimiter. Where this returns fields, they are
 * the ones csv-parse gives for the line.
 */
export function csvLineFields(line: string): string[] | null {
  if (line.indexOf('\r') !== -1) return null;
  if (line.indexOf('"') === -1) return line.split(',');
  const fields: string[] = [];
  const end = line.length;
  let at = 0;
  for (;;) {
    if (line.charCodeAt(at) === QUOTE) {
      const closed = quotedField(line, at + 1, fields);
      if (closed === -1) return null;
      if (closed === end) return fields;
      if (line.charCodeAt(closed) !== COMMA) return null;
      at = closed + 1;
    } else {
      const comma = line.indexOf(',', at);
      const value = line.slice(at, comma === -1 ? end : comma);
      if (value.indexOf('"') !== -1) return null;
      fields.push(value);
      if (comma === -1) return fields;
      at = comma + 1;
    }
  }
}

/** Reads a quoted field whose text starts at `from` into `fields`; returns the index after its closing quote, -1 when it does not close. */
function quotedField(line: string, from: number, fields: string[]): number {
  let value = '';
  let start = from;
  for (;;) {
    const quote = line.indexOf('"', start);
    if (quote === -1) return -1;
    if (line.charCodeAt(quote + 1) === QUOTE) {
      value += line.slice(start, quote + 1);
      start = quote + 2;
      continue;
    }
    fields.push(value + line.slice(start, quote));
    return quote + 1;
  }
}
