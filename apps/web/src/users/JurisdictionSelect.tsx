/** A jurisdiction picked by typing part of its name or code (the server refuses anything outside the viewer's scope). */
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import './text';

const JurisdictionSearchDocument = graphql(`
  query JurisdictionSearch($search: String) {
    jurisdictions(search: $search, first: 20) {
      nodes {
        id
        code
        name
        level
      }
    }
  }
`);

export interface PlaceOption {
  id: string;
  code: string;
  name: string;
}

export function JurisdictionSelect({
  value,
  onChange,
  defaults,
  id,
  ariaLabel,
  allowClear,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  defaults: PlaceOption[];
  id?: string;
  ariaLabel?: string;
  allowClear?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { data, loading } = useQuery(JurisdictionSearchDocument, { variables: { search }, skip: search.trim().length < 2 });
  const found = search.trim().length >= 2 ? (data?.jurisdictions.nodes ?? []) : [];
  const options = [...new Map([...defaults, ...found].map((j) => [j.id, { value: j.id, label: t('app.nameWithCode', { name: j.name, code: j.code }) }])).values()];
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={loading}
      allowClear={allowClear}
      placeholder={t('users.users.pickJurisdiction')}
      style={{ minWidth: 'min(220px, 100%)', width: '100%' }}
    />
  );
}
