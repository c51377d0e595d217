/**
 * The few building blocks of the public pages and the page frame, in plain HTML and styles.css: a visitor's first
 * load then carries no antd (its theme, CSS-in-JS and component code are ~200 kB compressed). Staff pages keep antd;
 * it loads with their chunks (common/AntdProvider.tsx).
 */
import type { ButtonHTMLAttributes, ReactNode } from 'react';

export function Card({ title, className, children }: { title?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section className={`ui-card${className ? ` ${className}` : ''}`}>
      {title && <div className="ui-card-head">{title}</div>}
      <div className="ui-card-body">{children}</div>
    </section>
  );
}

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  variant?: 'primary' | 'default' | 'link';
  htmlType?: 'button' | 'submit';
  block?: boolean;
  icon?: ReactNode;
};

export function Button({ variant = 'default', htmlType = 'button', block, icon, className, children, ...rest }: ButtonProps) {
  const cls = ['ui-btn', `ui-btn-${variant}`, block ? 'ui-btn-block' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={htmlType} className={cls} {...rest}>
      {icon}
      {children != null && <span>{children}</span>}
    </button>
  );
}

/** A message block; the symbol (✓ ! ✕ i) carries the kind besides the colour. */
export function Alert({
  type,
  title,
  description,
  action,
  className,
}: {
  type: 'error' | 'warning' | 'info' | 'success';
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  const symbol = { error: '✕', warning: '!', info: 'i', success: '✓' }[type];
  return (
    <div className={`ui-alert ui-alert-${type}${className ? ` ${className}` : ''}`} role="alert">
      <span className="ui-alert-icon" aria-hidden="true">
        {symbol}
      </span>
      <div className="ui-alert-content">
        <div className="ui-alert-title">{title}</div>
        {description && <div className="ui-alert-description">{description}</div>}
      </div>
      {action && <div className="ui-alert-action">{action}</div>}
    </div>
  );
}

export function Spinner() {
  return <span className="ui-spinner" aria-hidden="true" />;
}

/** "Not found" and similar end states: a heading, a line of text and what to do next. */
export function Result({ title, subTitle, extra, headingLevel = 2 }: { title: ReactNode; subTitle?: ReactNode; extra?: ReactNode; headingLevel?: 1 | 2 }) {
  const H = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <div className="ui-result">
      <H className="ui-result-title">{title}</H>
      {subTitle && <p className="ui-result-text">{subTitle}</p>}
      {extra && <div className="ui-result-extra">{extra}</div>}
    </div>
  );
}

const svg = { width: '1em', height: '1em', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export function PrinterIcon() {
  return (
    <svg {...svg} aria-hidden="true" focusable="false">
      <path d="M6 9V3h12v6M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2" />
      <path d="M6 14h12v7H6z" />
    </svg>
  );
}

export function BellIcon({ className }: { className?: string }) {
  return (
    <svg {...svg} className={className} aria-hidden="true" focusable="false">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
    </svg>
  );
}

export function CheckIcon() {
  return (
    <svg {...svg} aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" />
      <path d="m8 12 3 3 5-6" />
    </svg>
  );
}

export function ExclamationIcon() {
  return (
    <svg {...svg} aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" />
      <path d="M12 7v6M12 17h.01" />
    </svg>
  );
}
