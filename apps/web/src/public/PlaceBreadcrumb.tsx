/** Where a place sits in the four-level tree, each ancestor a link to its own page. */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

interface Node {
  id: string;
  name: string;
}

export function PlaceBreadcrumb({ ancestors, place, current = true }: { ancestors: Node[]; place: Node; current?: boolean }) {
  const { t } = useTranslation();
  const last = current ? <span aria-current="page">{place.name}</span> : <Link to={`/place/${place.id}`}>{place.name}</Link>;
  return (
    <nav aria-label={t('place.breadcrumb')} className="place-breadcrumb">
      <ol>
        {ancestors.map((a) => (
          <li key={a.id}>
            <Link to={`/place/${a.id}`}>{a.name}</Link>
          </li>
        ))}
        <li>{last}</li>
      </ol>
    </nav>
  );
}
