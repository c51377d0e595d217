/** The Date scalar: a calendar day `YYYY-MM-DD` (China time), distinct from instants (DateTimeISO). */
import { GraphQLScalarType, Kind } from 'graphql';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function check(value: unknown): string {
  if (typeof value !== 'string' || !DAY.test(value)) throw new TypeError(`Date must be a calendar day YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw new TypeError(`${value} is not a real calendar day`);
  return value;
}

/** Input days are within 1900–2200: PostgreSQL and the working-day calendar have no use for year 0 or 9999. */
function parseDay(value: unknown): string {
  const day = check(value);
  const year = Number(day.slice(0, 4));
  if (year < 1900 || year > 2200) throw new TypeError(`Date must be between 1900-01-01 and 2200-12-31, got ${day}`);
  return day;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar day, YYYY-MM-DD (as input: 1900-01-01 to 2200-12-31)',
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : check(v)),
  parseValue: parseDay,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('Date must be a string YYYY-MM-DD');
    return parseDay(ast.value);
  },
});
