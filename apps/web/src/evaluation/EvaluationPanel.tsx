/**
 * 好差评 on an application page. While the viewer may rate (`canEvaluate`): five big grade buttons (非常满意 5 …
 * 非常不满意 1), the five national indicators as 1–5 choices (they follow the grade until changed), an optional
 * comment and submit. Once rated: the rating and, for a bad one (1–2), the rectification — its status, deadline,
 * the centre's answer and the follow-up. Renders nothing when there is neither a rating nor a right to rate.
 *
 * Native radio buttons throughout, so the choices are named groups for screen readers, work with the keyboard and
 * are large touch targets in 长辈版.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Input } from 'antd';
import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { EvaluationInput, EvaluationPanelFieldsFragment, RectificationStatus } from '../gql/graphql';
import { apiError } from '../common/errors';
import { useDates } from '../common/dates';
import { Pill, type Tone } from '../common/Tags';
import { ApplicationEvaluationDocument, EvaluateApplicationDocument } from './documents';
import './evaluation.css';

export type IndicatorField = 'overall' | 'efficiency' | 'guideAccuracy' | 'convenience' | 'easeOfUse';
export const INDICATORS: readonly IndicatorField[] = ['overall', 'efficiency', 'guideAccuracy', 'convenience', 'easeOfUse'];
const GRADES = [5, 4, 3, 2, 1] as const;
type Grade = (typeof GRADES)[number];
const MAX_COMMENT = 500;

export function gradeTone(grade: number): Tone {
  return grade >= 4 ? 'green' : grade === 3 ? 'blue' : 'red';
}

function GradeIcon({ grade }: { grade: number }) {
  const Icon = grade >= 4 ? SmileOutlined : grade === 3 ? MehOutlined : FrownOutlined;
  return <Icon aria-hidden="true" />;
}

export const RECTIFICATION_TONE: Record<RectificationStatus, Tone> = { OPEN: 'orange', RESPONDED: 'blue', CLOSED: 'green' };

export function EvaluationPanel({ applicationId }: { applicationId: string }) {
  const { data, refetch } = useQuery(ApplicationEvaluationDocument, { variables: { id: applicationId }, fetchPolicy: 'cache-and-network' });
  const app = data?.application ?? null;
  const [justRated, setJustRated] = useState(false);

  // A clerk's action on the same page (complete, deliver) changes the status in the cache: whether the viewer may
  // rate is the server's answer, so ask again.
  const status = app?.status;
  const seen = useRef(status);
  useEffect(() => {
    if (seen.current && status && seen.current !== status) void refetch();
    seen.current = status;
  }, [status, refetch]);

  if (!app) return null;
  if (app.evaluation) return <EvaluationResult evaluation={app.evaluation} justRated={justRated} />;
  if (app.canEvaluate) return <EvaluationForm applicationId={app.id} onRated={() => setJustRated(true)} />;
  return null;
}

function Section({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="guide-section app-section evaluation-panel" aria-labelledby={id}>
      <h2 id={id}>{t('evaluation.heading')}</h2>
      {children}
    </section>
  );
}

type Scores = Record<IndicatorField, number | null>;
const NO_SCORES: Scores = { overall: null, efficiency: null, guideAccuracy: null, convenience: null, easeOfUse: null };

function EvaluationForm({ applicationId, onRated }: { applicationId: string; onRated(): void }) {
  const { t } = useTranslation();
  const ids = { comment: useId(), commentHelp: useId(), gradeError: useId() };
  const name = useId();
  const [grade, setGrade] = useState<Grade | null>(null);
  const [scores, setScores] = useState<Scores>(NO_SCORES);
  const [comment, setComment] = useState('');
  const [gradeMissing, setGradeMissing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [evaluate, { loading }] = useMutation(EvaluateApplicationDocument);

  const chooseGrade = (g: Grade) => {
    setGrade(g);
    setGradeMissing(false);
  };
  const score = (f: IndicatorField): number | null => scores[f] ?? grade;

  const submit = async () => {
    setFailure(null);
    if (grade == null) {
      setGradeMissing(true);
      document.getElementById(`${name}-grade-${GRADES[0]}`)?.focus();
      return;
    }
    const input: EvaluationInput = {
      grade,
      overall: score('overall') ?? grade,
      efficiency: score('efficiency') ?? grade,
      guideAccuracy: score('guideAccuracy') ?? grade,
      convenience: score('convenience') ?? grade,
      easeOfUse: score('easeOfUse') ?? grade,
      comment: comment.trim() || null,
    };
    try {
      await evaluate({ variables: { id: applicationId, input } });
      onRated();
    } catch (e) {
      const err = apiError(e);
      setFailure(t('evaluation.failed', { message: err.code === 'NETWORK' ? t('errors.network') : err.message }));
    }
  };

  const bad = grade != null && grade <= 2;
  return (
    <Section>
      <p className="hint">{t('evaluation.intro')}</p>
      <form
        className="evaluation-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <fieldset className="grade-fieldset" aria-describedby={gradeMissing ? ids.gradeError : undefined}>
          <legend className="evaluation-legend">{t('evaluation.gradeLegend')}</legend>
          <div className="grade-options">
            {GRADES.map((g) => (
              <label key={g} className={`grade-option grade-${g}`}>
                <input
                  type="radio"
                  id={`${name}-grade-${g}`}
                  name={`${name}-grade`}
                  value={g}
                  checked={grade === g}
                  onChange={() => chooseGrade(g)}
                  aria-invalid={gradeMissing || undefined}
                />
                <span className="grade-face">
                  <GradeIcon grade={g} />
                </span>
                <span className="grade-text">
                  {t(`evaluation.grade.${g}`)}({g})
                </span>
              </label>
            ))}
          </div>
          {gradeMissing && (
            <p id={ids.gradeError} className="field-error" role="alert">
              {t('evaluation.gradeRequired')}
            </p>
          )}
        </fieldset>

        <fieldset className="indicator-fieldset">
          <legend className="evaluation-legend">{t('evaluation.indicatorsLegend')}</legend>
          <p className="hint">{t('evaluation.indicatorsHint')}</p>
          {INDICATORS.map((f) => (
            <fieldset key={f} className="indicator-row">
              <legend>{t(`evaluation.indicator.${f}`)}</legend>
              <div className="score-options">
                {[1, 2, 3, 4, 5].map((s) => (
                  <label key={s} className="score-option">
                    <input type="radio" name={`${name}-${f}`} value={s} checked={score(f) === s} onChange={() => setScores((x) => ({ ...x, [f]: s }))} />
                    <span>{t('evaluation.scoreOption', { score: s })}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </fieldset>

        <div className="evaluation-comment">
          <label htmlFor={ids.comment}>{t('evaluation.comment')}</label>
          {bad && <p className="hint">{t('evaluation.commentBadHint')}</p>}
          <Input.TextArea
            id={ids.comment}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={MAX_COMMENT}
            showCount
            autoSize={{ minRows: 3, maxRows: 8 }}
            aria-describedby={ids.commentHelp}
          />
          <span id={ids.commentHelp} className="visually-hidden">
            {t('evaluation.commentHelp')}
          </span>
        </div>

        {failure && <Alert type="error" showIcon role="alert" className="form-alert" title={failure} />}
        <Button type="primary" size="large" htmlType="submit" disabled={loading} className="evaluation-submit">
          {loading ? t('evaluation.submitting') : t('evaluation.submit')}
        </Button>
      </form>
    </Section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The rating once given (also used by the rectification drawer). */
export function EvaluationSummary({ evaluation, showComment = true }: { evaluation: Omit<EvaluationPanelFieldsFragment, 'rectification'>; showComment?: boolean }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const e = evaluation;
  return (
    <>
      <dl className="fields evaluation-fields">
        <Row label={t('evaluation.yourRating')}>
          <Pill tone={gradeTone(e.grade)}>
            <GradeIcon grade={e.grade} /> {t('evaluation.gradeWithScore', { label: t(`evaluation.grade.${e.grade as Grade}`), score: e.grade })}
          </Pill>
        </Row>
        <Row label={t('evaluation.ratedOn')}>{day(e.evaluatedOn)}</Row>
        <Row label={t('evaluation.indicatorsLabel')}>
          <ul className="indicator-list">
            {INDICATORS.map((f) => (
              <li key={f}>
                {t(`evaluation.indicator.${f}`)}
                {t('evaluation.colon')}
                <strong>{t('evaluation.scoreOption', { score: e[f] })}</strong>
              </li>
            ))}
          </ul>
        </Row>
        {showComment && e.comment && <Row label={t('evaluation.commentLabel')}>{e.comment}</Row>}
      </dl>
      {e.isDefault && <p className="hint">{t('evaluation.isDefault')}</p>}
      {e.excluded && (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title={t('evaluation.excluded')}
          description={e.exclusion ? `${t('evaluation.excludedReason')}${t('evaluation.colon')}${e.exclusion.reason}` : undefined}
        />
      )}
    </>
  );
}

function EvaluationResult({ evaluation, justRated }: { evaluation: EvaluationPanelFieldsFragment; justRated: boolean }) {
  const { t } = useTranslation();
  const { day, time } = useDates();
  const r = evaluation.rectification;
  return (
    <Section>
      <div aria-live="polite">
        {justRated && (
          <Alert
            type="success"
            showIcon
            className="form-alert"
            title={r ? t('evaluation.thanksBad', { date: day(r.deadline) }) : t('evaluation.thanks')}
          />
        )}
      </div>
      <EvaluationSummary evaluation={evaluation} />
      {r && (
        <div className="rectification-block">
          <h3>{t('evaluation.rectification')}</h3>
          <dl className="fields">
            <Row label={t('evaluation.status')}>
              <Pill tone={RECTIFICATION_TONE[r.status]}>{t(`evaluation.rectStatus.${r.status}`)}</Pill>
            </Row>
            <Row label={t('evaluation.deadline')}>
              {day(r.deadline)} {r.overdue && <Pill tone="red">{t('evaluation.overdue')}</Pill>}
            </Row>
            {r.response && <Row label={t('evaluation.response')}>{r.response}</Row>}
            {r.respondedAt && <Row label={t('evaluation.respondedAt')}>{time(r.respondedAt)}</Row>}
            {r.followUp && <Row label={t('evaluation.followUp')}>{r.followUp}</Row>}
            {r.closedAt && <Row label={t('evaluation.closedAt')}>{time(r.closedAt)}</Row>}
          </dl>
          {r.status === 'OPEN' && <p className="hint">{t('evaluation.waiting', { date: day(r.deadline) })}</p>}
        </div>
      )}
    </Section>
  );
}
