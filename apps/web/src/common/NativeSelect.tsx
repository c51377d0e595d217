/**
 * A styled native <select>, usable inside antd Form.Item (which passes id, value and onChange). Native selects are
 * labelled by <label for>, fully keyboard- and screen-reader-accessible, and open the phone's own picker.
 */
import type { ChangeEvent, SelectHTMLAttributes } from 'react';

export interface Option {
  value: string;
  label: string;
}

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  options: readonly Option[];
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Text of the empty choice; without it there is none. */
  placeholder?: string;
};

export function NativeSelect({ options, value, onChange, placeholder, className, ...rest }: Props) {
  return (
    <select
      {...rest}
      className={`native-select ${className ?? ''}`}
      value={value ?? ''}
      onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange?.(e.target.value === '' ? null : e.target.value)}
    >
      {placeholder != null && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
