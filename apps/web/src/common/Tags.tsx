/**
 * Tags with colours that keep 4.5:1 contrast (antd's light presets such as green/orange do not), so status
 * information stays readable for everyone.
 */
import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'blue' | 'green' | 'orange' | 'red' | 'purple';

export function Pill({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`pill pill-${tone}`}>{children}</span>;
}
