/**
 * Every error a person can meet is said from the web's own resources (STYLE 13). Read from the sources, not run:
 * (a) every `new AppError / InputError / …Error(…)` in apps/server/src names a specific message key (not the
 *     code's `error.<CODE>` fall-back), except the few internal ones allowed below;
 * (b) every key the server (and the domain rules it reports) can emit has a text in the web's zh-CN and en
 *     catalogue (apps/web/src/common/serverErrors.i18n.ts and serverErrors.more.i18n.ts);
 * (c) the zh-CN text of every key holds Chinese and the English one holds none.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { serverErrorsEn, serverErrorsZh } from '../../web/src/common/serverErrors.i18n';
import { serverErrorsMoreEn, serverErrorsMoreZh } from '../../web/src/common/serverErrors.more.i18n';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(ROOT, 'apps/server/src');
const DOMAIN = path.join(ROOT, 'packages/domain/src');

/** Where each error class takes its key: the argument index, a default, or a key made from an argument. */
const KEY_ARG: Record<string, { index: number; default?: string; from?: (args: string[]) => string }> = {
  AppError: { index: 3 },
  InputError: { index: 3 },
  ForbiddenError: { index: 1 },
  UnauthenticatedError: { index: 1, default: 'auth.loginRequired' },
  NotFoundError: { index: -1, from: (args) => `notFound.${args[0]}` },
};

/** Subclasses whose key is fixed in their own constructor (read from their `super(…)` call). */
const FIXED_KEY_CLASSES = ['VersionConflictError', 'RateLimitedError', 'ServiceUnavailableError', 'StorageError', 'TrackingLimitedError'];

/** Keys passed to the problem collectors of the imports and the domain rules: function name → argument index and prefix. */
const KEY_CALLS: Array<{ file: RegExp; fn: string; index: number; prefix?: string }> = [
  { file: /directory-excel\.ts$/, fn: 'add', index: 4 },
  { file: /directory-excel\.ts$/, fn: 'addUnreadable', index: 4 },
  { file: /directory-excel\.ts$/, fn: 'addUnlessReported', index: 4 },
  { file: /directory-excel\.ts$/, fn: 'problem', index: 1 },
  { file: /directory-excel\.ts$/, fn: 'fileProblem', index: 1 },
  { file: /staff-excel\.ts$|user\.import\.ts$/, fn: 'at', index: 3 },
  { file: /chain\.ts$/, fn: 'add', index: 1, prefix: 'chain.' },
  { file: /evaluation\.ts$/, fn: 'weightProblem', index: 0, prefix: 'policy.' },
];

/**
 * Keys made at run time from a closed set, by the template's text before the value: the set is the string union
 * type named here, read from the domain sources.
 */
const DYNAMIC: Record<string, string> = { 'linkage.': 'StageRefusal', 'password.': 'PasswordProblem' };

/**
 * Throw sites whose key is not a literal on purpose, by file and the key expression: they pass on a key chosen
 * elsewhere (and checked there).
 */
const PASSED_ON: Array<{ file: string; expr: string; why: string }> = [
  { file: 'common/validation.ts', expr: 'first.messageKey', why: 'the class-validator constraint key (constraintKey in common/errors.ts)' },
  { file: 'common/scope.ts', expr: 'refusalKey', why: 'the caller names the refusal (a literal at each call of subtreePaths)' },
  { file: 'modules/catalogue/service-item.service.ts', expr: 'first.messageKey', why: 'the domain rule problem key (validateItemContent / validateChain)' },
  { file: 'modules/policy/policy.service.ts', expr: 'first.messageKey', why: 'the domain rule problem key (assessmentWeightProblems)' },
];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const sources = [...files(SERVER), ...files(DOMAIN)].map((f) => ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true));

function walk(node: ts.Node, fn: (n: ts.Node) => void): void {
  fn(node);
  ts.forEachChild(node, (c) => walk(c, fn));
}

/** The string unions of the domain (`export type X = 'a' | 'b'`). */
const unions = new Map<string, string[]>();
for (const sf of sources) {
  walk(sf, (n) => {
    if (ts.isTypeAliasDeclaration(n) && ts.isUnionTypeNode(n.type)) {
      const values = n.type.types.map((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : null));
      if (values.every((v) => v != null)) unions.set(n.name.text, values as string[]);
    }
  });
}

/** The keys an expression can be, or null when it is not made of literals. */
function keysOf(e: ts.Expression | undefined): string[] | null {
  if (!e) return null;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isParenthesizedExpression(e)) return keysOf(e.expression);
  if (ts.isConditionalExpression(e)) {
    const a = keysOf(e.whenTrue);
    const b = keysOf(e.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isTemplateExpression(e) && e.templateSpans.length === 1 && e.templateSpans[0].literal.text === '') {
    const union = DYNAMIC[e.head.text];
    const values = union ? unions.get(union) : undefined;
    return values ? values.map((v) => e.head.text + v) : null;
  }
  return null;
}

interface Site {
  where: string;
  cls: string;
  keys: string[] | null;
  expr: string;
}

const sites: Site[] = [];
const emitted = new Set<string>();
const where = (sf: ts.SourceFile, n: ts.Node) => `${path.relative(SERVER, sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;

for (const sf of sources) {
  const inServer = sf.fileName.startsWith(SERVER);
  walk(sf, (n) => {
    if (inServer && ts.isNewExpression(n) && ts.isIdentifier(n.expression) && KEY_ARG[n.expression.text]) {
      const cls = n.expression.text;
      const rule = KEY_ARG[cls];
      const args = [...(n.arguments ?? [])];
      let keys: string[] | null;
      let expr: string;
      if (rule.from) {
        const literal = args.map((a) => (ts.isStringLiteral(a) ? a.text : null));
        keys = literal[0] != null ? [rule.from(literal as string[])] : null;
        expr = args[0]?.getText() ?? '';
      } else if (args[rule.index] === undefined && rule.default) {
        keys = [rule.default];
        expr = `(default ${rule.default})`;
      } else {
        keys = keysOf(args[rule.index]);
        expr = args[rule.index]?.getText() ?? '(none)';
      }
      sites.push({ where: where(sf, n), cls, keys, expr });
    }
    // the fixed keys of subclasses, from their super(...) call
    if (inServer && ts.isClassDeclaration(n) && n.name && FIXED_KEY_CLASSES.includes(n.name.text)) {
      walk(n, (c) => {
        if (ts.isCallExpression(c) && c.expression.kind === ts.SyntaxKind.SuperKeyword) {
          sites.push({ where: where(sf, c), cls: n.name!.text, keys: keysOf(c.arguments[3]), expr: c.arguments[3]?.getText() ?? '(none)' });
        }
      });
    }
    // `messageKey: '…'` anywhere (extensions built by hand, domain problems)
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'messageKey') {
      for (const k of keysOf(n.initializer) ?? []) emitted.add(k);
    }
    if (ts.isCallExpression(n) && (ts.isIdentifier(n.expression) || ts.isPropertyAccessExpression(n.expression))) {
      const fn = ts.isIdentifier(n.expression) ? n.expression.text : n.expression.name.text;
      for (const c of KEY_CALLS.filter((x) => x.fn === fn && x.file.test(sf.fileName))) {
        const keys = keysOf(n.arguments[c.index]);
        for (const k of keys ?? []) emitted.add((c.prefix ?? '') + k);
      }
    }
  });
}
for (const s of sites) for (const k of s.keys ?? []) emitted.add(k);

function flatten(o: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const zh = new Map([...flatten(serverErrorsZh.keys), ...flatten(serverErrorsMoreZh)]);
const en = new Map([...flatten(serverErrorsEn.keys), ...flatten(serverErrorsMoreEn)]);
// the two parts do not overlap (a key in both would be said by whichever registered last)
const overlap = [...flatten(serverErrorsZh.keys).keys()].filter((k) => flatten(serverErrorsMoreZh).has(k));
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

describe('message keys', () => {
  it('finds the throw sites it checks (the parser sees the sources)', () => {
    expect(sites.length).toBeGreaterThan(250);
    expect(emitted.size).toBeGreaterThan(150);
  });

  it('(a) every throw site names a specific message key', () => {
    const missing = sites
      .filter((s) => !PASSED_ON.some((p) => s.where.startsWith(`${p.file}:`) && p.expr === s.expr))
      .filter((s) => !s.keys || !s.keys.length || s.keys.some((k) => /^error\./.test(k)))
      .map((s) => `${s.where} ${s.cls} key ${s.expr}`);
    expect(missing).toEqual([]);
  });

  it('(b) every key the server can emit has a zh-CN and an en text in the web', () => {
    const keys = [...emitted].sort();
    expect(keys.filter((k) => !zh.has(k)).map((k) => `zh-CN lacks ${k}`)).toEqual([]);
    expect(keys.filter((k) => !en.has(k)).map((k) => `en lacks ${k}`)).toEqual([]);
  });

  it('(c) zh-CN texts are Chinese and en texts hold no Chinese', () => {
    expect([...zh].filter(([, v]) => !CJK.test(v)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
    expect([...en].filter(([, v]) => CJK.test(v)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it('(c) both languages have the same keys and the same {{values}}', () => {
    expect(overlap).toEqual([]);
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort().join(',');
    expect([...zh].filter(([k, v]) => vars(v) !== vars(en.get(k) ?? '')).map(([k]) => k)).toEqual([]);
  });
});
