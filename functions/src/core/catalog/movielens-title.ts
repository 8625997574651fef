/** MovieLens titles carry their year: "Toy Story (1995)". */

/**
 * A trailing "(1995)", or a series' "(1975-1979)" / "(2006–2007)" / "(2007-)" range whose first year
 * we keep. Only the last parenthesis counts, so "Kolya (Kolja) (1996)" keeps "(Kolja)".
 */
const TRAILING_YEAR = /\s*\((\d{4})(?:\s*[-–]\s*(?:\d{4})?)?\)$/;

/** Splits "Toy Story (1995)" into title and year; articles ("Matrix, The") stay where they are. */
export function parseTitle(raw: string): { title: string; year: number | null } {
  // Some releases pad titles ("Runaway Brain (1995) "), so tidy whitespace before looking for the year.
  const tidy = raw.replace(/\s+/g, ' ').trim();
  const match = TRAILING_YEAR.exec(tidy);
  if (!match) return { title: tidy, year: null };
  const title = tidy.slice(0, match.index).trim();
  // A title that is only "(1995)" is better kept whole than emptied.
  if (title === '') return { title: tidy, year: null };
  return { title, year: Number(match[1]) };
}
