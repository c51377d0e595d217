/**
 * Schema-driven fuzz of every mutation of the live schema (introspected from the shared test server), as a system
 * administrator of its own: each argument and input field in turn gets hostile values (NUL and control
 * characters, lone surrogates, 300,000-character strings, ids of 36 dashes or beyond 2^31−1, year 0 and 9999,
 * lists of 10,000 entries, deep JSON) while the others stay plausible. No answer may be an internal error: every
 * refusal must be the client's to fix (BAD_USER_INPUT and friends), ideally naming the field.
 */
import { randomUUID } from 'node:crypto';
import { LUAN, gql, staffAccount } from './helpers';

jest.setTimeout(60_000);

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
}
interface FullType {
  kind: string;
  name: string;
  fields: Array<{ name: string; type: TypeRef; args: InputValue[] }> | null;
  inputFields: InputValue[] | null;
  enumValues: Array<{ name: string }> | null;
}

const INTROSPECT = `{ __schema { mutationType { name } types { kind name
  fields { name type { ...T } args { name type { ...T } } }
  inputFields { name type { ...T } }
  enumValues { name } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

let types: Map<string, FullType>;
let mutations: Array<{ name: string; type: TypeRef; args: InputValue[] }>;
let admin: string;

function typeString(t: TypeRef): string {
  if (t.kind === 'NON_NULL') return `${typeString(t.ofType!)}!`;
  if (t.kind === 'LIST') return `[${typeString(t.ofType!)}]`;
  return t.name!;
}

function named(t: TypeRef): TypeRef {
  return t.ofType ? named(t.ofType) : t;
}

/** A plausible value for a type (required fields of input objects filled in). */
function plausible(t: TypeRef, depth = 0): unknown {
  if (t.kind === 'NON_NULL') return plausible(t.ofType!, depth);
  if (t.kind === 'LIST') return [plausible(t.ofType!, depth)];
  const full = types.get(t.name!)!;
  if (full.kind === 'ENUM') return full.enumValues![0].name;
  if (full.kind === 'INPUT_OBJECT') {
    const out: Record<string, unknown> = {};
    if (depth > 4) return out;
    for (const f of full.inputFields!) if (f.type.kind === 'NON_NULL') out[f.name] = plausible(f.type, depth + 1);
    return out;
  }
  switch (t.name) {
    case 'String':
      return 'fuzz';
    case 'ID':
      return randomUUID();
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'Date':
      return '2025-03-03';
    case 'DateTimeISO':
      return '2025-03-03T08:00:00.000Z';
    default:
      return {};
  }
}

const BIG = 'x'.repeat(300_000);
const hostile: Record<string, unknown[]> = {
  String: ['a\u0000b', 'bell\u0007', '\uD800lone', BIG, '\u202Eevil'.repeat(10)],
  ID: ['-'.repeat(36), '2147483648', '0', '-1', 'g'.repeat(36), '00000000-0000-0000-0000-00000000000z', '1e3', ' 1', 'a\u0000'],
  Int: [2147483648, -2147483649, 2 ** 53],
  Float: [1e308, -1e308],
  Date: ['0000-01-01', '9999-12-31', '2025-02-30', '1899-12-31'],
  DateTimeISO: ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'not a time'],
  JSON: [{ a: 'x\u0000' }, JSON.parse('['.repeat(40) + ']'.repeat(40)), { ['k\u0000']: 1 }],
};

interface Variant {
  mutation: string;
  path: string;
  variables: Record<string, unknown>;
}

function setAt(obj: Record<string, unknown>, path: Array<string | number>, value: unknown) {
  let o: any = obj;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path[path.length - 1]] = value;
}

/** Every leaf (and list) below a type, with the hostile values that fit it. */
function leaves(t: TypeRef, path: Array<string | number>, depth: number, out: Array<{ path: Array<string | number>; values: unknown[]; list?: TypeRef }>) {
  if (t.kind === 'NON_NULL') return leaves(t.ofType!, path, depth, out);
  if (t.kind === 'LIST') {
    out.push({ path, values: [], list: t.ofType! });
    return leaves(t.ofType!, [...path, 0], depth, out);
  }
  const full = types.get(t.name!)!;
  if (full.kind === 'INPUT_OBJECT') {
    if (depth > 3) return;
    for (const f of full.inputFields!) leaves(f.type, [...path, f.name], depth + 1, out);
    return;
  }
  const values = hostile[t.name!] ?? [];
  if (values.length) out.push({ path, values });
}

function variants(m: { name: string; args: InputValue[] }): Variant[] {
  const base = (): Record<string, unknown> => {
    const v: Record<string, unknown> = {};
    for (const a of m.args) v[a.name] = plausible(a.type);
    return v;
  };
  const out: Variant[] = [];
  for (const a of m.args) {
    const found: Array<{ path: Array<string | number>; values: unknown[]; list?: TypeRef }> = [];
    leaves(a.type, [a.name], 0, found);
    for (const leaf of found) {
      const vars = base();
      // make sure the way down exists (optional objects and lists on the path)
      const ensure = (root: Record<string, unknown>, p: Array<string | number>, type: TypeRef) => {
        let cur: any = root;
        let ty = type;
        for (let i = 0; i < p.length; i++) {
          while (ty.kind === 'NON_NULL') ty = ty.ofType!;
          const k = p[i];
          if (i === 0) {
            if (cur[k] == null) cur[k] = plausible(ty);
          }
          if (i === p.length - 1) return;
          cur = cur[k];
          if (ty.kind === 'LIST') {
            ty = ty.ofType!;
          } else {
            const full = types.get(ty.name!)!;
            const next = p[i + 1] as string;
            const f = full.inputFields!.find((x) => x.name === next)!;
            if (cur[next] == null) cur[next] = plausible(f.type);
            ty = f.type;
          }
        }
      };
      ensure(vars, leaf.path, a.type);
      if (leaf.list) {
        const many = Array.from({ length: 10_000 }, () => plausible(leaf.list!));
        const v = structuredClone(vars);
        setAt(v, leaf.path, many);
        out.push({ mutation: m.name, path: leaf.path.join('.'), variables: v });
        continue;
      }
      for (const value of leaf.values) {
        const v = structuredClone(vars);
        setAt(v, leaf.path, value);
        out.push({ mutation: m.name, path: leaf.path.join('.'), variables: v });
      }
    }
  }
  return out;
}

beforeAll(async () => {
  admin = await staffAccount('SYSTEM_ADMIN', LUAN, 'fuzz admin');
  const r = await gql(INTROSPECT, {}, admin);
  types = new Map((r.data.__schema.types as FullType[]).map((t) => [t.name, t]));
  mutations = types.get(r.data.__schema.mutationType.name)!.fields!.filter((f) => f.name !== 'logout');
});

it('no mutation answers a hostile value with an internal error', async () => {
  const all = mutations.flatMap(variants);
  const internal: string[] = [];
  const unnamed: string[] = [];
  let sent = 0;
  const codes = new Map<string, number>();
  const t0 = Date.now();
  const queue = [...all];
  const worker = async () => {
    for (let v = queue.shift(); v; v = queue.shift()) {
      const m = mutations.find((x) => x.name === v!.mutation)!;
      const defs = m.args.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ');
      const call = m.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const returns = types.get(named(m.type).name!)!;
      const selection = ['OBJECT', 'INTERFACE', 'UNION'].includes(returns.kind) ? ' { __typename }' : '';
      const doc = `mutation${defs ? `(${defs})` : ''} { ${m.name}${call ? `(${call})` : ''}${selection} }`;
      sent++;
      let r;
      try {
        r = await gql(doc, v.variables, admin);
      } catch (err) {
        internal.push(`${v.mutation} ${v.path}: no JSON answer (${String(err)})`);
        continue;
      }
      const first = r.errors?.[0]?.extensions;
      const key = first ? `${first.code}${first.messageKey ? ` ${first.messageKey}` : ''}` : 'no error';
      codes.set(key, (codes.get(key) ?? 0) + 1);
      for (const e of r.errors ?? []) {
        if (e.extensions?.code === 'INTERNAL_SERVER_ERROR' || r.status >= 500) internal.push(`${v.mutation} ${v.path}: ${e.message}`);
        if (e.extensions?.messageKey === 'input.invalid') unnamed.push(`${v.mutation} ${v.path}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  const ms = Date.now() - t0;
  console.log(`[fuzz] ${sent} calls over ${mutations.length} mutations in ${ms} ms: ${internal.length} internal errors, ${unnamed.length} refused only by the database; answers ${JSON.stringify(Object.fromEntries(codes))}`);
  expect(internal).toEqual([]);
  expect(unnamed).toEqual([]);
  expect(sent).toBeGreaterThan(mutations.length * 5);
});
