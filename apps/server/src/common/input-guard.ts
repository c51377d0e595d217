/**
 * Limits at the edge (STYLE 14), for every argument and input field of the schema — also the ones added later,
 * because the guard walks the GraphQL types of the arguments rather than a list of fields:
 * - every String, ID and JSON text: no NUL or other control characters (line breaks and tabs only in long texts),
 *   and a maximum length: the field's class-validator @MaxLength when it has one, else DEFAULT_MAX_LENGTH;
 * - every ID: a UUID (versions 1–8) or a whole number 1..2^31−1, so nothing malformed reaches SQL;
 * - every list: at most the field's @ArrayMaxSize, else DEFAULT_MAX_ITEMS;
 * - every instant (DateTimeISO): years 1900–2200 (calendar days are checked by the Date scalar).
 * A refusal is BAD_USER_INPUT naming the field (`input.materials.0.fileIds.1`), with a message key and its
 * parameters (`input.tooLong` {max}). `documentLimits` writes the limits into the schema descriptions.
 */
import { getMetadataStorage as validatorMetadata } from 'class-validator';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import {
  GraphQLError,
  GraphQLInputObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type OperationDefinitionNode,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { InputError } from './errors';
import { isUuid } from './validation';

export const DEFAULT_MAX_LENGTH = 2000;
export const DEFAULT_MAX_ITEMS = 100;
/** Longer than this is a "long text": line breaks and tabs allowed. */
const LONG_TEXT = 200;
const MAX_INT_ID = 2 ** 31 - 1;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

// C0 controls and DEL and C1 controls; long texts may keep \t \n \r
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Limits {
  maxLength?: number;
  maxItems?: number;
}

/** Limits declared on a resolver argument that needs more than the defaults: `@Arg('x') @ArgLimit({ maxLength: n })`. */
const declaredArgLimits = new Map<Function, Map<string, Map<number, Limits>>>();

export function ArgLimit(limits: Limits): ParameterDecorator {
  return (target, methodName, index) => {
    const cls = target.constructor;
    const byMethod = declaredArgLimits.get(cls) ?? new Map<string, Map<number, Limits>>();
    const byIndex = byMethod.get(String(methodName)) ?? new Map<number, Limits>();
    byIndex.set(index, limits);
    byMethod.set(String(methodName), byIndex);
    declaredArgLimits.set(cls, byMethod);
  };
}

/** The class-validator limits (@MaxLength, @ArrayMaxSize) of a class, by property. */
function classLimits(target: Function): Map<string, Limits> {
  const fields = new Map<string, Limits>();
  for (const m of validatorMetadata().getTargetValidationMetadatas(target, '', true, false)) {
    const f = fields.get(m.propertyName) ?? {};
    const n = Number(m.constraints?.[0]);
    if (m.name === 'maxLength' && Number.isFinite(n)) f.maxLength = n;
    if (m.name === 'arrayMaxSize' && Number.isFinite(n)) f.maxItems = n;
    fields.set(m.propertyName, f);
  }
  return fields;
}

/**
 * Per input type and field, and per root field (`Query.x`, `Mutation.y`) and argument: the limits declared in
 * the code (class-validator on input and @ArgsType classes, @ArgLimit on single arguments).
 */
let limitIndex: Map<string, Map<string, Limits>> | null = null;

function indexLimits(): Map<string, Map<string, Limits>> {
  if (limitIndex) return limitIndex;
  const index = new Map<string, Map<string, Limits>>();
  const storage = getMetadataStorage();
  for (const input of storage.inputTypes) index.set(input.name, classLimits(input.target));
  for (const [parent, resolvers] of [['Query', storage.queries], ['Mutation', storage.mutations]] as const) {
    for (const r of resolvers) {
      const args = new Map<string, Limits>();
      for (const p of storage.params.filter((x) => x.target === r.target && x.methodName === r.methodName)) {
        if (p.kind === 'arg') {
          const declared = declaredArgLimits.get(r.target)?.get(r.methodName)?.get(p.index);
          if (declared) args.set(p.name, declared);
        } else if (p.kind === 'args') {
          const cls = p.getType();
          if (typeof cls === 'function') for (const [k, v] of classLimits(cls as Function)) args.set(k, v);
        }
      }
      if (args.size) index.set(`${parent}.${r.schemaName}`, args);
    }
  }
  return (limitIndex = index);
}

function limitsOf(typeName: string, field: string): Limits {
  return indexLimits().get(typeName)?.get(field) ?? {};
}

function maxLength(l: Limits): number {
  return Math.max(l.maxLength ?? DEFAULT_MAX_LENGTH, 1);
}

function checkText(value: string, path: string, l: Limits): void {
  const max = maxLength(l);
  if (value.length > max) throw new InputError(path, `is longer than ${max} characters`, { max }, 'input.tooLong');
  const bad = max > LONG_TEXT ? CONTROL_EXCEPT_LINES : CONTROL;
  if (bad.test(value)) throw new InputError(path, 'contains a control character', {}, 'input.controlCharacter');
  // a lone surrogate cannot be stored as UTF-8
  if (LONE_SURROGATE.test(value)) throw new InputError(path, 'is not well-formed text', {}, 'input.controlCharacter');
}

function checkId(value: unknown, path: string): void {
  const s = typeof value === 'number' ? String(value) : value;
  if (typeof s !== 'string') throw new InputError(path, 'is not an id', {}, 'input.badId');
  if (isUuid(s)) return;
  if (/^[1-9]\d{0,9}$/.test(s) && Number(s) <= MAX_INT_ID) return;
  throw new InputError(path, 'is not an id (a UUID or a whole number from 1 to 2147483647)', {}, 'input.badId');
}

/** JSON values: every string in them (keys too) is text; depth and size are bounded. */
function checkJson(value: unknown, path: string, l: Limits, depth = 0, budget = { items: 0 }): void {
  if (depth > 10) throw new InputError(path, 'is nested too deeply', { max: 10 }, 'input.tooDeep');
  if (++budget.items > 10_000) throw new InputError(path, 'has too many values', { max: 10_000 }, 'input.tooMany');
  if (typeof value === 'string') return checkText(value, path, { maxLength: Math.max(maxLength(l), DEFAULT_MAX_LENGTH) });
  if (Array.isArray(value)) return value.forEach((v, i) => checkJson(v, `${path}.${i}`, l, depth + 1, budget));
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      checkText(k, `${path}.${k.slice(0, 40)}`, { maxLength: LONG_TEXT });
      checkJson(v, `${path}.${k.slice(0, 40)}`, l, depth + 1, budget);
    }
  }
}

function checkScalar(type: GraphQLScalarType, value: unknown, path: string, l: Limits): void {
  switch (type.name) {
    case 'String':
      if (typeof value === 'string') checkText(value, path, l);
      return;
    case 'ID':
      return checkId(value, path);
    case 'JSON':
    case 'JSONObject':
      return checkJson(value, path, l);
    case 'DateTimeISO':
    case 'DateTime':
    case 'Timestamp': {
      const year = value instanceof Date ? value.getUTCFullYear() : NaN;
      if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
        throw new InputError(path, `must be between the years ${MIN_YEAR} and ${MAX_YEAR}`, { min: MIN_YEAR, max: MAX_YEAR }, 'input.dateOutOfRange');
      }
      return;
    }
    default:
      if (typeof value === 'string') checkText(value, path, l);
  }
}

function check(type: GraphQLInputType, value: unknown, path: string, l: Limits): void {
  if (value == null) return;
  if (isNonNullType(type)) return check(type.ofType, value, path, l);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    const max = l.maxItems ?? DEFAULT_MAX_ITEMS;
    if (items.length > max) throw new InputError(path, `has more than ${max} entries`, { max }, 'input.tooMany');
    // the list's own limits (length of each entry) apply to its entries
    items.forEach((v, i) => check(type.ofType as GraphQLInputType, v, `${path}.${i}`, { maxLength: l.maxLength }));
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return;
    const fields = type.getFields();
    for (const [name, field] of Object.entries(fields)) {
      const v = (value as Record<string, unknown>)[name];
      if (v != null) check(field.type, v, `${path}.${name}`, limitsOf(type.name, name));
    }
    return;
  }
  if (isScalarType(type)) checkScalar(type, value, path, l);
}

/** Checks the arguments of one field (as coerced for execution) against their declared types and limits. */
export function checkArguments(parentType: string, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): void {
  for (const arg of field.args) {
    const v = args[arg.name];
    if (v != null) check(arg.type, v, arg.name, limitsOf(`${parentType}.${field.name}`, arg.name));
  }
}

interface ArgumentField {
  node: FieldNode;
  parentType: string;
  def: GraphQLField<unknown, unknown>;
}

/**
 * The fields of an operation (with its fragments) that take arguments, each with its definition: found once per
 * parsed operation. Apollo keeps one parsed document per query text, so a repeated operation is not walked again.
 */
const argumentFieldsOf = new WeakMap<OperationDefinitionNode, ArgumentField[]>();

function argumentFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): ArgumentField[] {
  let found = argumentFieldsOf.get(operation);
  if (found) return found;
  found = [];
  const list = found;
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const relevant: DocumentNode = { ...document, definitions: [operation, ...fragments] };
  visit(
    relevant,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (!node.arguments?.length) return;
        const def = typeInfo.getFieldDef();
        if (def) list.push({ node, parentType: typeInfo.getParentType()?.name ?? '', def });
      },
    }),
  );
  argumentFieldsOf.set(operation, found);
  return found;
}

/**
 * Apollo plugin: before execution, every field of the operation has its arguments checked (inline values and
 * variables alike) — one refusal answers the whole request, before any resolver or SQL runs.
 */
export function inputGuardPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (!operation) return;
          const vars = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
          // a badly typed variable ("abc" for a Float) is refused here too, naming the argument's field
          if (vars.errors) {
            const problem = variableProblem(operation, vars.errors[0]);
            if (!problem) return;
            throw new GraphQLError(problem.message, { originalError: problem, extensions: { http: { status: 400 } } });
          }
          for (const { node, parentType, def } of argumentFields(schema, document, operation)) {
            try {
              checkArguments(parentType, def, getArgumentValues(def, node, vars.coerced));
            } catch (err) {
              if (!(err instanceof InputError)) throw err;
              throw new GraphQLError(err.message, { nodes: [node], originalError: err, extensions: { http: { status: 400 } } });
            }
          }
        },
      };
    },
  };
}

/**
 * graphql-js says `Variable "$i" got invalid value "abc" at "i.hallArea"; Float cannot represent …`: the field is
 * the path with the variable replaced by the argument it is bound to (`input.hallArea`), as resolvers name it.
 */
function variableProblem(operation: OperationDefinitionNode, err: GraphQLError): InputError | null {
  const m = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?;\s*(.*)$/s.exec(err.message);
  if (!m) return null;
  const [, variable, at, why] = m;
  let argument = variable;
  visit(operation, {
    Argument(node) {
      if (node.value.kind === Kind.VARIABLE && node.value.name.value === variable) argument = node.name.value;
    },
  });
  const rest = at ? at.replace(/\[(\d+)\]/g, '.$1').split('.').slice(1) : [];
  const field = [argument, ...rest].join('.');
  const numeric = /(Float|Int) cannot represent/.test(why);
  if (numeric) return new InputError(field, 'must be a number', {}, 'input.notANumber');
  // the scalar's own words say what it wanted: a calendar day, or a value of another shape
  const day = /Expected type "Date"|calendar day/.test(why);
  return new InputError(field, why, {}, day ? 'input.notADay' : 'input.badFormat');
}

function unwrap(type: GraphQLInputType): { named: GraphQLInputType; list: boolean } {
  let t = type;
  let list = false;
  while (t instanceof GraphQLNonNull || t instanceof GraphQLList) {
    if (t instanceof GraphQLList) list = true;
    t = t.ofType as GraphQLInputType;
  }
  return { named: t, list };
}

function describe(target: GraphQLArgument | GraphQLInputField, l: Limits): void {
  const { named, list } = unwrap(target.type);
  const notes: string[] = [];
  if (isScalarType(named) && (named.name === 'String' || named.name === 'JSON')) notes.push(`at most ${maxLength(l)} characters${list ? ' each' : ''}`);
  if (list) notes.push(`at most ${l.maxItems ?? DEFAULT_MAX_ITEMS} entries`);
  if (!notes.length) return;
  const note = `Limit: ${notes.join('; ')}.`;
  const current = target.description ?? '';
  if (!current.includes('Limit:')) target.description = current ? `${current}${/[.!?。）)]$/.test(current) ? '' : '.'} ${note}` : note;
}

/** Writes every argument's and input field's limits into its schema description (so schema.graphql shows them). */
export function documentLimits(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) for (const arg of field.args) describe(arg, limitsOf(`${type.name}.${field.name}`, arg.name));
    } else if (type instanceof GraphQLInputObjectType) {
      for (const [name, field] of Object.entries(type.getFields())) describe(field, limitsOf(type.name, name));
    }
  }
}
