/**
 * Argument validation with class-validator, reporting the offending field as a dotted path from the argument
 * (e.g. `input.hallArea`), the same way the services report their own rule violations.
 */
import { validate, type ValidationError } from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
import { InputError } from './errors';

function flatten(errors: ValidationError[], prefix: string): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out.push({ field, message: Object.values(e.constraints).join('; ') });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

export const validateArgument: ValidatorFn = async (value, _type, { args }) => {
  if (value == null || typeof value !== 'object') return;
  const values = Array.isArray(value) ? value : [value];
  // An @Args() class holds all arguments itself; an @Arg('input') object is found among the raw arguments.
  const argNames = Object.keys(args);
  const isArgsObject = argNames.length > 0 && argNames.every((k) => k in (value as object));
  const argName = isArgsObject ? '' : (argNames.find((k) => args[k] != null && typeof args[k] === 'object' && !Array.isArray(args[k])) ?? '');
  const problems: Array<{ field: string; message: string }> = [];
  for (const [i, v] of values.entries()) {
    // Lists of scalars (e.g. ids) carry no class-validator rules.
    if (v == null || typeof v !== 'object') continue;
    const errors = await validate(v as object, { forbidUnknownValues: false });
    problems.push(...flatten(errors, Array.isArray(value) ? `${argName}.${i}` : argName));
  }
  if (problems.length) throw new InputError(problems[0].field, problems[0].message.replace(new RegExp(`^${problems[0].field.split('.').pop()} `), ''), { problems });
};

/** A UUID of versions 1–8 with the RFC 9562 variant (what PostgreSQL's uuid type and randomUUID produce), or nil/max. */
const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;

export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}
