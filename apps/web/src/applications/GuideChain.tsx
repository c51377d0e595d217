/**
 * The guide's chain diagram ("本村代办 → 乡镇审核 → 村级公示 → 县民政局审批确认" with each stage's time limit). Its own
 * module, free of the date library, because the public guide page carries it on its first load.
 */
import { useTranslation } from 'react-i18next';
import './linkage.css';

export interface ChainStageLike {
  kind: string;
  level: string;
  name: string;
  limit: number;
  unit: string;
}

export function useLimitText() {
  const { t } = useTranslation();
  return (limit: number, unit: string) => (unit === 'CALENDAR_DAYS' ? t('linkage.calendarDays', { n: limit }) : t('linkage.days', { n: limit }));
}

/** The chain as a line of arrows, each stage with its level and limit. */
export function ChainLine({ chain }: { chain: readonly ChainStageLike[] }) {
  const { t } = useTranslation();
  const limit = useLimitText();
  return (
    <ol className="chain-line" aria-label={t('linkage.chain.title')}>
      {chain.map((s, i) => (
        <li key={i} className={`chain-stage chain-${s.kind.toLowerCase()}`}>
          <span className="chain-level">{t(`linkage.chain.levelName.${s.level as 'VILLAGE'}`)}</span>
          <strong className="chain-name">{s.name}</strong>
          <span className="chain-limit">{t('linkage.chain.limit', { limit: limit(s.limit, s.unit) })}</span>
          {i < chain.length - 1 && (
            <span className="chain-arrow" aria-hidden="true">
              →
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The guide's section: shown when the chain has more than the one-window pair (受理 + 办结 at one level). */
export function GuideChain({ chain }: { chain: readonly ChainStageLike[] }) {
  const { t } = useTranslation();
  const linked = chain.length > 2 || new Set(chain.map((s) => s.level)).size > 1;
  if (!linked) return null;
  return (
    <section className="guide-section" aria-labelledby="g-chain">
      <h2 id="g-chain">{t('linkage.chain.title')}</h2>
      <p className="hint">{t('linkage.chain.intro')}</p>
      <ChainLine chain={chain} />
    </section>
  );
}

