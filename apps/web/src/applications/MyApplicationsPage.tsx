/** 我的办件 — or, for a village agent, 代办记录: the applications the viewer made or that were made for them. */
import { useState } from 'react';
import { Button } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequireLogin } from '../auth/RequireLogin';
import { hasRole, type Viewer } from '../auth/viewer';
import { LoadError, Loading } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { totalOf } from '../common/count';
import { MyApplicationsDocument } from './documents';
import { ApplicationTable } from './ApplicationTable';

export function MyApplicationsPage() {
  return <RequireLogin>{(viewer) => <MyApplications viewer={viewer} />}</RequireLogin>;
}

function MyApplications({ viewer }: { viewer: Viewer }) {
  const { t } = useTranslation();
  const agent = hasRole(viewer, 'AGENT');
  const title = agent ? t('mine.agentTitle') : t('mine.title');
  usePageTitle(title);
  const { data, error, loading, fetchMore, refetch } = useQuery(MyApplicationsDocument, { fetchPolicy: 'cache-and-network' });
  const [loadingMore, setLoadingMore] = useState(false);
  const page = data?.myApplications;

  return (
    <div className="page page-mine">
      <div className="page-head">
        <h1>{title}</h1>
        <Link to="/track">{t('nav.track')}</Link>
      </div>
      <p className="hint">{agent ? t('mine.agentIntro') : t('mine.intro')}</p>
      {error && !page ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : !page ? (
        <Loading />
      ) : page.nodes.length === 0 ? (
        <div className="empty">
          <p>{t('mine.empty')}</p>
          <Link to="/" className="big-link">
            {t('mine.findService')}
          </Link>
        </div>
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {loading ? t('app.loading') : t('mine.count', { count: totalOf(page) })}
          </p>
          <ApplicationTable rows={page.nodes} caption={title} />
          {page.pageInfo.hasNextPage && (
            <div className="load-more">
              <Button
                block
                disabled={loadingMore}
                onClick={() => {
                  setLoadingMore(true);
                  void fetchMore({ variables: { after: page.pageInfo.endCursor } }).finally(() => setLoadingMore(false));
                }}
              >
                {t('place.loadMore')}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
