/**
 * The four-level linkage drawn for people: the guide's chain diagram ("本村代办 → 乡镇审核 → 村级公示 → 县民政局审批确认"
 * with each stage's time limit) and an application's progress line through its stages — centre, arrival, due, done,
 * and how each stage ended.
 */
import { useTranslation } from 'react-i18next';
import type { StageFieldsFragment } from '../gql/graphql';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import './linkage.css';

import { useServerText } from '../common/serverText';
import './linkage-text';
import './application-text';
export { ChainLine, GuideChain, useLimitText } from './GuideChain';

/** The progress line of one application: every stage passed and the current one. */
export function StageProgress({ stages }: { stages: readonly StageFieldsFragment[] }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const text = useServerText();
  if (!stages.length) return <p className="hint">{t('linkage.progress.noStages')}</p>;
  return (
    <ol className="stage-progress" aria-label={t('linkage.progress.title')}>
      {stages.map((s) => {
        const current = !s.doneOn;
        return (
          <li key={s.id} className={`stage-item${current ? ' stage-current' : ' stage-done'}`} aria-current={current ? 'step' : undefined}>
            <div className="stage-head">
              <Pill tone={current ? 'blue' : 'green'}>{t(`linkage.kind.${s.kind}`)}</Pill> <strong>{s.name}</strong>
              {current && <span className="visually-hidden">{t('linkage.progress.now')}</span>}
              {s.overdue && <Pill tone="red">{t('linkage.progress.overdue')}</Pill>}
              {s.warning && <Pill tone="orange">{t('linkage.progress.warning')}</Pill>}
              {s.outcome && <span className="stage-outcome">{t(`linkage.outcome.${s.outcome}`)}</span>}
            </div>
            <div className="stage-meta hint">
              <span>
                {t('linkage.progress.centre')}{t('app.colon')}{s.centre}
              </span>
              <span>
                {t('linkage.progress.arrived')}{t('app.colon')}{day(s.arrivedOn)}
              </span>
              <span>
                {t('linkage.progress.due')}{t('app.colon')}{day(s.dueOn)}
              </span>
              {s.doneOn && (
                <span>
                  {t('linkage.progress.done')}{t('app.colon')}{day(s.doneOn)}
                </span>
              )}
              {s.extendedDays ? <span>{t('linkage.progress.extended', { n: s.extendedDays })}</span> : null}
            </div>
            {s.note && <div className="stage-note">{s.noteKey ? text(s.noteKey, s.noteParams, s.note) : s.note}</div>}
          </li>
        );
      })}
    </ol>
  );
}
