/**
 * Argument validation with class-validator, reporting the offending field as a dotted path from the argument
 * (e.g. `input.hallArea`), the same way the services report their own rule violations.
 */
import { validate } from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
import { InputError, validationProblems, type InputProblem } from './errors';

export const validateArgument: ValidatorFn = async (value, _type, { args }) => {
  if (value == null || typeof value !== 'object') return;
  const values = Array.isArray(value) ? value : [value];
  // An @Args() class holds all arguments itself; an @Arg('input') object is found among the raw arguments.
  const argNames = Object.keys(args);
  const isArgsObject = argNames.length > 0 && argNames.every((k) => k in (value as object));
  const argName = isArgsObject ? '' : (argNames.find((k) => args[k] != null && typeof args[k] === 'object' && !Array.isArray(args[k])) ?? '');
  const problems: InputProblem[] = [];
  for (const [i, v] of values.entries()) {
    // Lists of scalars (e.g. ids) carry no class-validator rules.
    if (v == null || typeof v !== 'object') continue;
    const errors = await validate(v as object, { forbidUnknownValues: false });
    problems.push(...validationProblems(errors, Array.isArray(value) ? `${argName}.${i}` : argName));
  }
  const [first] = problems;
  if (first) throw new InputError(first.field, first.message.replace(new RegExp(`^${first.field.split('.').pop()} `), ''), { ...first.params, problems }, first.messageKey);
};

/** A UUID of versions 1–8 with the RFC 9562 variant (what PostgreSQL's uuid type and randomUUID produce), or nil/max. */
const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;

export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}
