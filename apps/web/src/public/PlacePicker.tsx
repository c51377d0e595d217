/**
 * Cascading choice of a place: city → county → township → village. Native <select>s on purpose: they are
 * labelled, keyboard- and screen-reader-friendly, and open the phone's own large picker on old handsets.
 * Choosing only updates the form; the button takes the visitor there (no change of page on a mere selection).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { JurisdictionLevel } from '../gql/graphql';
import { LEVELS } from '../common/enums';
import { Button } from '../common/ui';


const JurisdictionOptionsDocument = graphql(`
  query JurisdictionOptions($parentId: ID, $level: JurisdictionLevel, $after: String) {
    jurisdictions(parentId: $parentId, level: $level, first: 100, after: $after) {
      nodes {
        id
        code
        name
        level
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export interface PlaceNode {
  id: string;
  name: string;
  level: JurisdictionLevel;
}

interface LevelSelectProps {
  level: JurisdictionLevel;
  parentId: string | null;
  value: string | null;
  onChange(node: PlaceNode | null): void;
}

/** One level's <select>, with every option loaded (a county has ~40 townships, a township up to ~60 villages). */
function LevelSelect({ level, parentId, value, onChange }: LevelSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  const variables = parentId ? { parentId } : { level };
  const { data, loading, fetchMore } = useQuery(JurisdictionOptionsDocument, { variables });
  const page = data?.jurisdictions;
  useEffect(() => {
    if (page?.pageInfo.hasNextPage && page.pageInfo.endCursor) {
      void fetchMore({ variables: { ...variables, after: page.pageInfo.endCursor } });
    }
  }, [page?.pageInfo.endCursor, page?.pageInfo.hasNextPage]);
  const nodes = page?.nodes ?? [];
  // One city in the tree (the usual case): choose it, sparing everyone a step.
  const only = !parentId && page && !page.pageInfo.hasNextPage && nodes.length === 1 ? nodes[0] : null;
  useEffect(() => {
    if (only && !value) onChange(only);
  }, [only?.id]);
  return (
    <div className="picker-field">
      <label htmlFor={id}>{t(`level.${level}`)}</label>
      <select
        id={id}
        className="native-select"
        value={value ?? ''}
        disabled={loading && !nodes.length}
        onChange={(e) => onChange(nodes.find((n) => n.id === e.target.value) ?? null)}
      >
        <option value="">{loading && !nodes.length ? t('home.loadingOptions') : t('home.pick')}</option>
        {nodes.map((n) => (
          <option key={n.id} value={n.id}>
            {n.name}
          </option>
        ))}
      </select>
    </div>
  );
}

interface PlacePickerProps {
  /** The places already chosen, outermost first (e.g. the remembered place and its ancestors). */
  initialPath?: PlaceNode[];
  /** Start below this node instead of at the cities (an administrator's county); it is always chosen. */
  root?: PlaceNode;
  submitLabel?: string;
  /** Without it there is no button: the page reacts to `onSelect` instead. */
  onSubmit?(place: PlaceNode): void;
  /** Called on every change, for pages that react to the selection directly. */
  onSelect?(place: PlaceNode | null): void;
}

export function PlacePicker({ initialPath = [], root, submitLabel, onSubmit, onSelect }: PlacePickerProps) {
  const { t } = useTranslation();
  const below = root ? initialPath.slice(initialPath.findIndex((n) => n.id === root.id) + 1) : initialPath;
  const [path, setPath] = useState<PlaceNode[]>(below);
  const firstLevel = root ? LEVELS.indexOf(root.level) + 1 : 0;
  const selects: { level: JurisdictionLevel; parentId: string | null; value: string | null }[] = [];
  for (let i = 0; firstLevel + i < LEVELS.length; i++) {
    const parent = i === 0 ? (root?.id ?? null) : (path[i - 1]?.id ?? null);
    if (i > 0 && !parent) break;
    selects.push({ level: LEVELS[firstLevel + i], parentId: parent, value: path[i]?.id ?? null });
  }
  const chosen = path[path.length - 1] ?? root ?? null;

  const choose = (depth: number, node: PlaceNode | null) => {
    const next = [...path.slice(0, depth), ...(node ? [node] : [])];
    setPath(next);
    onSelect?.(next[next.length - 1] ?? root ?? null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen) onSubmit?.(chosen);
  };

  return (
    <form className="place-picker" onSubmit={submit}>
      <div className="picker-fields">
        {selects.map((s, i) => (
          <LevelSelect key={`${s.level}-${s.parentId ?? 'root'}`} level={s.level} parentId={s.parentId} value={s.value} onChange={(n) => choose(i, n)} />
        ))}
      </div>
      {onSubmit && (
        <Button variant="primary" htmlType="submit" disabled={!chosen} className="picker-submit">
          {submitLabel ?? t('home.show')}
        </Button>
      )}
    </form>
  );
}
