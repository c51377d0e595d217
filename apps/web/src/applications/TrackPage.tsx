/**
 * 办件查询: anyone with an application number and its lookup code (10 letters and digits; 6 digits on older receipts) (from the receipt, or the QR code on any
 * document) sees where it stands — status, item, centre, dates, next step and history — and nothing personal.
 */
import { lazy, Suspense, useEffect, useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../common/Status';
import { Alert, Button, Card } from '../common/ui';
import { usePageTitle } from '../common/usePageTitle';

// The form is plain HTML; the result (antd steps and timeline) loads once there is something to show.
const AntdProvider = lazy(() => import('../common/AntdProvider'));
const TrackResult = lazy(() => import('./TrackResult').then((m) => ({ default: m.TrackResult })));

/** 10 characters without look-alikes (new), or 6 digits (older applications). */
const LOOKUP_CODE = /^(?:[2-9A-HJKMNP-Z]{10}|\d{6})$/;

export function TrackPage() {
  const { t } = useTranslation();
  usePageTitle(t('track.title'));
  const [params, setParams] = useSearchParams();
  const number = (params.get('number') ?? '').trim();
  const code = (params.get('code') ?? '').trim();
  const [draft, setDraft] = useState({ number, code });
  const [problem, setProblem] = useState<string | null>(null);
  const numberId = useId();
  const codeId = useId();
  useEffect(() => setDraft({ number, code }), [number, code]);
  const ready = number.length > 0 && LOOKUP_CODE.test(code);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const n = draft.number.trim();
    const c = draft.code.trim();
    if (!n) return setProblem(t('track.numberRequired'));
    if (!LOOKUP_CODE.test(c)) return setProblem(t('track.codeInvalid'));
    setProblem(null);
    setParams({ number: n, code: c }, { replace: true });
  };

  return (
    <div className="page page-track">
      <h1>{t('track.title')}</h1>
      <p className="hint">{t('track.intro')}</p>
      <Card className="track-card">
        <form className="track-form" onSubmit={onSubmit} noValidate>
          <div className="track-field">
            <label htmlFor={numberId}>{t('track.number')}</label>
            <input className="text-input" id={numberId} value={draft.number} onChange={(e) => setDraft({ ...draft, number: e.target.value })} autoComplete="off" inputMode="numeric" maxLength={40} />
          </div>
          <div className="track-field track-code">
            <label htmlFor={codeId}>{t('track.code')}</label>
            <input
              className="text-input"
              id={codeId}
              value={draft.code}
              onChange={(e) => setDraft({ ...draft, code: e.target.value.replace(/[^0-9a-z]/gi, '').toUpperCase().slice(0, 10) })}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={10}
              aria-describedby={`${codeId}-help`}
            />
            <span id={`${codeId}-help`} className="hint">
              {t('track.codeHelp')}
            </span>
          </div>
          <Button variant="primary" htmlType="submit" className="track-submit">
            {t('track.submit')}
          </Button>
        </form>
        {problem && <Alert className="track-problem" type="error" title={problem} />}
      </Card>
      {ready && (
        <Suspense fallback={<Loading />}>
          <AntdProvider>
            <TrackResult key={`${number}|${code}`} number={number} code={code} />
          </AntdProvider>
        </Suspense>
      )}
    </div>
  );
}

