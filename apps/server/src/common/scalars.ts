/** The Date scalar: a calendar day `YYYY-MM-DD` (China time), distinct from instants (DateTimeISO). */
import { GraphQLScalarType, Kind } from 'graphql';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function check(value: unknown): string {
  if (typeof value !== 'string' || !DAY.test(value)) throw new TypeError(`Date must be a calendar day YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw new TypeError(`${value} is not a real calendar day`);
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar day, YYYY-MM-DD',
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : check(v)),
  parseValue: check,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('Date must be a string YYYY-MM-DD');
    return check(ast.value);
  },
});
