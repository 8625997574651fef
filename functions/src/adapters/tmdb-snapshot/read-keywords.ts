/** Reader for The Movies Dataset `keywords.csv`: `id,keywords` with a Python-literal keyword list. */
import { readCsv } from './csv.js';
import { distinctLabels, positiveInt } from './fields.js';
import type { PyLiteral } from './python-literal.js';
import { parsePythonLiteral, PyLiteralError } from './python-literal.js';

export interface KeywordsFile {
  /** TMDB id → distinct keyword names; ids that repeat in the file have their lists merged. */
  keywords: Map<number, string[]>;
  /** Data records including repeated ids (the published count). */
  records: number;
}

function keywordName(item: PyLiteral): string | null {
  if (typeof item !== 'object' || Array.isArray(item)) return null;
  const name = item['name'];
  return typeof name === 'string' ? name : null;
}

export async function readKeywords(file: string): Promise<KeywordsFile> {
  const rows = await readCsv(file, ['id', 'keywords'] as const);
  const keywords = new Map<number, string[]>();
  for (const row of rows) {
    const tmdbId = positiveInt(row, 'id');
    const raw = row.get('keywords').trim();
    let parsed: PyLiteral;
    try {
      parsed = raw === '' ? [] : parsePythonLiteral(raw);
    } catch (error) {
      if (error instanceof PyLiteralError) throw row.error(`keywords: ${error.message}`);
      throw error;
    }
    if (!Array.isArray(parsed)) throw row.error('keywords: expected a list');
    const names = parsed.map((item, i) => {
      const name = keywordName(item);
      if (name === null) throw row.error(`keywords[${i}]: expected a dict with a string 'name'`);
      return name;
    });
    const earlier = keywords.get(tmdbId);
    keywords.set(tmdbId, distinctLabels(earlier ? [...earlier, ...names] : names));
  }
  return { keywords, records: rows.length };
}
