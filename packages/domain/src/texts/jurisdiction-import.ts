/**
 * The problems of a jurisdiction file (`npm run import:jurisdictions`), zh-CN and en, by key: each problem is a key
 * with its parameters (`line`, `column`, the `value` found, codes and levels), said in the reader's language. The
 * English words are also the problem's `message` for logs. A level is a reference to `jurisdictionImport.level.<L>`
 * (the file holds the code, so both languages show it).
 */
import { catalogueLookup, renderText, type TextParams } from './render';

const zh = {
  columnMissing: '第 1 行：缺少“{{column}}”列',
  badCode: '第 {{line}} 行，{{column}} 列：“{{value}}”不是 12 位区划代码',
  nameEmpty: '第 {{line}} 行，{{column}} 列：名称为空',
  nameTooLong: '第 {{line}} 行，{{column}} 列：名称超过 {{max}} 个字',
  badLevel: '第 {{line}} 行，{{column}} 列：“{{value}}”不是以下层级之一：{{levels}}',
  badParentCode: '第 {{line}} 行，{{column}} 列：“{{value}}”不是 12 位代码',
  duplicate: '第 {{line}} 行，{{column}} 列：代码 {{value}} 重复（首次出现在第 {{first}} 行）',
  moved: '第 {{line}} 行：{{code}} 已在区划树中，上级为 {{parent}}；不支持移动节点',
  movedFromRoot: '第 {{line}} 行：{{code}} 已在区划树中，没有上级；不支持移动节点',
  levelChanged: '第 {{line}} 行：{{code}} 已在区划树中，层级为{{level}}',
  needsParent: '第 {{line}} 行，{{column}} 列：{{level}}必须有上级',
  parentUnknown: '第 {{line}} 行：上级 {{parent}} 既不在文件中，也不在区划树中',
  levelNotAllowed: '第 {{line}} 行：{{code}}：{{level}}不能位于{{parentLevel}} {{parent}} 之下',
  unreadable: '第 {{line}} 行：文件无法读取（{{detail}}）',
  summary: '区划文件有 {{count}} 个问题：',
  more: '……',
  level: { PROVINCE: '省（PROVINCE）', CITY: '市（CITY）', COUNTY: '县区（COUNTY）', TOWNSHIP: '乡镇街道（TOWNSHIP）', VILLAGE: '村社区（VILLAGE）' },
  list: { separator: '、' },
};

type Texts = { [K in keyof typeof zh]: (typeof zh)[K] extends string ? string : { [L in keyof (typeof zh)[K]]: string } };

const en: Texts = {
  columnMissing: 'line 1: column "{{column}}" is missing',
  badCode: 'line {{line}}, {{column}}: "{{value}}" is not a 12-digit division code',
  nameEmpty: 'line {{line}}, {{column}}: is empty',
  nameTooLong: 'line {{line}}, {{column}}: is longer than {{max}} characters',
  badLevel: 'line {{line}}, {{column}}: "{{value}}" is not {{levels}}',
  badParentCode: 'line {{line}}, {{column}}: "{{value}}" is not a 12-digit code',
  duplicate: 'line {{line}}, {{column}}: {{value}} appears twice (first on line {{first}})',
  moved: 'line {{line}}: {{code}} is already in the tree under {{parent}}; moving a node is not supported',
  movedFromRoot: 'line {{line}}: {{code}} is already in the tree under no parent; moving a node is not supported',
  levelChanged: 'line {{line}}: {{code}} is already in the tree as {{level}}',
  needsParent: 'line {{line}}, {{column}}: a {{level}} needs a parent',
  parentUnknown: 'line {{line}}: parent {{parent}} is neither in the file nor in the tree',
  levelNotAllowed: 'line {{line}}: {{code}}: a {{level}} cannot sit under the {{parentLevel}} {{parent}}',
  unreadable: 'line {{line}}: {{detail}}',
  summary: '{{count}} problem(s) in the jurisdiction file:',
  more: '…',
  level: { PROVINCE: 'PROVINCE', CITY: 'CITY', COUNTY: 'COUNTY', TOWNSHIP: 'TOWNSHIP', VILLAGE: 'VILLAGE' },
  list: { separator: ', ' },
};

export const JURISDICTION_IMPORT_TEXTS = { 'zh-CN': { jurisdictionImport: zh as Texts }, en: { jurisdictionImport: en } };

const LOOKUPS = { 'zh-CN': catalogueLookup(JURISDICTION_IMPORT_TEXTS['zh-CN']), en: catalogueLookup(JURISDICTION_IMPORT_TEXTS.en) };

/** The words of a jurisdiction-import key; throws on a key the catalogue does not have. */
export function jurisdictionImportText(key: string, params: TextParams, locale: 'zh-CN' | 'en'): string {
  const s = renderText(LOOKUPS[locale], key, params);
  if (s === undefined) throw new Error(`no text for the key ${key}`);
  return s;
}

/** The language of a command-line tool: Chinese when LC_ALL, LC_MESSAGES or LANG (the first set) starts with zh. */
export function cliLocale(env: Record<string, string | undefined>): 'zh-CN' | 'en' {
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(v) ? 'zh-CN' : 'en';
}
