/**
 * A number typed as text, for staff forms. antd's InputNumber keeps the last valid number when the text is not
 * one ("abc大约300" showed while the form still held the old value, so 保存 said 已保存 and nothing changed);
 * here the form holds the number when the text is one and the text itself when it is not, and `numberRules`
 * names the field's problem before anything is sent.
 */
import { useEffect, useState } from 'react';
import { Input } from 'antd';
import type { InputProps } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;

/** The number in a text, null for blank, the text itself when it is not a number. */
export function parseNumber(text: string): number | string | null {
  const s = text.trim();
  if (!s) return null;
  return DECIMAL.test(s) ? Number(s) : text;
}

type Props = Omit<InputProps, 'value' | 'onChange' | 'type'> & {
  value?: number | string | null;
  onChange?(value: number | string | null): void;
  integer?: boolean;
};

export function NumberInput({ value, onChange, integer = false, ...rest }: Props) {
  const [text, setText] = useState(value == null ? '' : String(value));
  useEffect(() => {
    // a value set from outside (initial values, a reset, a reload) replaces what is shown
    if (parseNumber(text) !== (value ?? null)) setText(value == null ? '' : String(value));
  }, [value]);
  return (
    <Input
      {...rest}
      inputMode={integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange?.(parseNumber(e.target.value));
      }}
    />
  );
}

/** Rules of a number field: a number at all, a whole one where asked, within [min, max], present where required. */
export function numberRules(t: TFunction, o: { min: number; max: number; integer?: boolean; required?: string }): Rule[] {
  return [
    {
      validator: async (_rule, v: unknown) => {
        if (v == null || v === '') {
          if (o.required) throw new Error(o.required);
          return;
        }
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(t('numberField.notANumber'));
        if (o.integer && (!INTEGER.test(String(v)) || !Number.isInteger(v))) throw new Error(t('numberField.notAnInteger'));
        if (v < o.min || v > o.max) throw new Error(t('numberField.range', { min: o.min, max: o.max }));
      },
    },
  ];
}

/** The number a valid field holds (null when blank). Call after validation. */
export function numberOf(v: number | string | null | undefined): number | null {
  return typeof v === 'number' ? v : null;
}
