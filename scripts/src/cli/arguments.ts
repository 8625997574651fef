/** Parsers for flag values; a bad value makes commander name the flag and say what was expected. */
import { InvalidArgumentError } from 'commander';

function parsed(value: string, ok: (n: number) => boolean, expected: string): number {
  const number = Number(value);
  if (value.trim() === '' || !ok(number)) throw new InvalidArgumentError(`expected ${expected}, got "${value}"`);
  return number;
}

export const positiveInteger = (value: string) =>
  parsed(value, (n) => Number.isInteger(n) && n >= 1, 'a whole number ≥ 1');
export const wholeNumber = (value: string) => parsed(value, (n) => Number.isInteger(n) && n >= 0, 'a whole number ≥ 0');
export const nonNegativeNumber = (value: string) => parsed(value, (n) => Number.isFinite(n) && n >= 0, 'a number ≥ 0');
export const ratio = (value: string) => parsed(value, (n) => n > 0 && n < 1, 'a number between 0 and 1');
export const portNumber = (value: string) =>
  parsed(value, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a port from 0 to 65535');
export const rating = (value: string) => parsed(value, (n) => n >= 0 && n <= 5, 'a rating from 0 to 5');

export function isoDate(value: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(`expected YYYY-MM-DD, got "${value}"`);
  return date;
}
