/**
 * How a text key and its parameters become words (STYLE 13): the server stores and sends `key` + `params`, the SMS
 * and the web render them from the same catalogue (texts/*.ts) with this function. Templates use i18next's
 * `{{name}}` placeholders. A parameter is data (a name, a number, a date, what a clerk typed), a reference to
 * another text of the catalogue (`{ key, params }`, e.g. a procedure's name), or a list: strings are joined by
 * `<area>.list.separator`, objects are each rendered with `<area>.list.<param>` and joined by
 * `<area>.list.<param>Separator`. With a numeric `count` of 1, `<key>_one` is used where it exists.
 */

export interface TextRef {
  key: string;
  params?: TextParams;
}
export type TextValue = string | number | boolean | null | TextRef | TextValue[] | { [name: string]: TextValue };
export type TextParams = { [name: string]: TextValue };
/** A text as stored on a row or sent to the web. */
export interface KeyedText {
  key: string;
  params: TextParams;
}
/** The template of a key in one language, or undefined when the catalogue has none. */
export type TextLookup = (key: string) => string | undefined;
/** Formats a data value (e.g. a date for the reader's language); undefined leaves it as it is. */
export type TextFormat = (name: string, value: string | number) => string | undefined;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function isRef(v: TextValue): v is TextRef {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as TextRef).key === 'string';
}

function areaOf(key: string): string {
  return key.split('.')[0];
}

/** The words of `key` with `params`; a key the catalogue does not have comes back as undefined. */
export function renderText(lookup: TextLookup, key: string, params: TextParams = {}, format?: TextFormat): string | undefined {
  const template = (params.count === 1 ? lookup(`${key}_one`) : undefined) ?? lookup(key);
  if (template === undefined) return undefined;
  const area = areaOf(key);
  const value = (name: string, v: TextValue | undefined): string => {
    if (v === undefined || v === null) return '';
    if (typeof v === 'string' || typeof v === 'number') return format?.(name, v) ?? String(v);
    if (typeof v === 'boolean') return String(v);
    if (isRef(v)) return renderText(lookup, v.key, v.params ?? {}, format) ?? '';
    if (Array.isArray(v)) {
      const objects = v.some((x) => x && typeof x === 'object' && !Array.isArray(x) && !isRef(x));
      const parts = v.map((x) =>
        x && typeof x === 'object' && !Array.isArray(x) && !isRef(x)
          ? (renderText(lookup, `${area}.list.${name}`, x as TextParams, format) ?? '')
          : value(name, x),
      );
      return parts.join((objects ? lookup(`${area}.list.${name}Separator`) : undefined) ?? lookup(`${area}.list.separator`) ?? ', ');
    }
    return '';
  };
  return template.replace(PLACEHOLDER, (_, name: string) => value(name, params[name]));
}

/** A lookup in a nested catalogue object (`{ application: { nextStep: { SUBMITTED: '…' } } }`). */
export function catalogueLookup(catalogue: object): TextLookup {
  return (key) => {
    let node: unknown = catalogue;
    for (const part of key.split('.')) {
      if (!node || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === 'string' ? node : undefined;
  };
}
