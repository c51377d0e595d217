/**
 * Cascading choice of a place: city → county → township → village. Native <select>s on purpose: they are
 * labelled, keyboard- and screen-reader-friendly, and open the phone's own large picker on old handsets.
 * Choosing only updates the form; the button takes the visitor there (no change of page on a mere selection).
 * With an `action` it is also a plain GET form (each level a named field), for a page read before its code runs.
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
  /** The form field's name (a submission without the app's code). */
  name?: string;
  onChange(node: PlaceNode | null): void;
}

const optionsVariables = (level: JurisdictionLevel, parentId: string | null) => (parentId ? { parentId } : { level });

/** One level's <select>, with every option loaded (a county has ~40 townships, a township up to ~60 villages). */
function LevelSelect({ level, parentId, value, name, onChange }: LevelSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  const variables = optionsVariables(level, parentId);
  const { data, loading, fetchMore } = useQuery(JurisdictionOptionsDocument, { variables });
  const page = data?.jurisdictions;
  useEffect(() => {
    if (page?.pageInfo.hasNextPage && page.pageInfo.endCursor) {
      void fetchMore({ variables: { ...variables, after: page.pageInfo.endCursor } });
    }
  }, [page?.pageInfo.endCursor, page?.pageInfo.hasNextPage]);
  const nodes = page?.nodes ?? [];
  return (
    <div className="picker-field">
      <label htmlFor={id}>{t(`level.${level}`)}</label>
      <select
        id={id}
        name={name}
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
  /** Where the form goes when submitted without the app's code (GET, one field per level). */
  action?: string;
  /** Without it there is no button: the page reacts to `onSelect` instead. */
  onSubmit?(place: PlaceNode): void;
  /** Called on every change, for pages that react to the selection directly. */
  onSelect?(place: PlaceNode | null): void;
}

export function PlacePicker({ initialPath = [], root, submitLabel, action, onSubmit, onSelect }: PlacePickerProps) {
  const { t } = useTranslation();
  const below = root ? initialPath.slice(initialPath.findIndex((n) => n.id === root.id) + 1) : initialPath;
  const [chosenPath, setPath] = useState<PlaceNode[]>(below);
  const firstLevel = root ? LEVELS.indexOf(root.level) + 1 : 0;
  // One city in the tree (the usual case): it is chosen, sparing everyone a step. Decided while rendering (the
  // cities' query is the first select's, answered from the cache), so a page rendered by the server already shows
  // the counties.
  const top = useQuery(JurisdictionOptionsDocument, { variables: optionsVariables(LEVELS[0], null), skip: !!root || chosenPath.length > 0 });
  const topPage = top.data?.jurisdictions;
  const only = !root && topPage && !topPage.pageInfo.hasNextPage && topPage.nodes.length === 1 ? topPage.nodes[0] : null;
  const path = chosenPath.length === 0 && only ? [only] : chosenPath;
  const onlyId = only?.id;
  useEffect(() => {
    if (onlyId && chosenPath.length === 0) onSelect?.(only);
  }, [onlyId]);
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
    <form className="place-picker" method={action ? 'get' : undefined} action={action} onSubmit={submit}>
      <div className="picker-fields">
        {selects.map((s, i) => (
          <LevelSelect
            key={`${s.level}-${s.parentId ?? 'root'}`}
            level={s.level}
            parentId={s.parentId}
            value={s.value}
            name={action ? s.level.toLowerCase() : undefined}
            onChange={(n) => choose(i, n)}
          />
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
