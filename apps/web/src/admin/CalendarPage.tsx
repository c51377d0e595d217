/**
 * The city's official working-day calendar: which days of a year are holidays or adjusted working days (调休上班),
 * and a form for the city administrator to add or correct a day (e.g. a year the holiday package does not know yet).
 * Due dates of applications count working days by this calendar. The server decides who may change it.
 */
import { useId, useState } from 'react';
import { Alert, App, Button, Card, Input, Radio, Table } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { CalendarDayFieldsFragment } from '../gql/graphql';
import { apiError } from '../common/errors';
import { NativeSelect } from '../common/NativeSelect';
import { LoadError, Loading } from '../common/Status';
import { Pill, type Tone } from '../common/Tags';
import { usePageTitle } from '../common/usePageTitle';
import { RequireAdmin } from './RequireAdmin';
import { serviceToday } from '../common/dates';

graphql(`
  fragment CalendarDayFields on CalendarDay {
    date
    kind
    working
    name
    override
  }
`);

const WorkingCalendarDocument = graphql(`
  query WorkingCalendar($year: Int!) {
    workingCalendar(year: $year) {
      year
      known
      days {
        ...CalendarDayFields
      }
    }
  }
`);

const SetCalendarDayDocument = graphql(`
  mutation SetCalendarDay($date: Date!, $working: Boolean!, $name: String) {
    setCalendarDay(date: $date, working: $working, name: $name) {
      ...CalendarDayFields
    }
  }
`);

const KIND_TONE: Record<string, Tone> = { HOLIDAY: 'red', ADJUSTED_WORKDAY: 'orange', WEEKEND: 'neutral', WORKDAY: 'blue' };

/** The day of the week of a YYYY-MM-DD day (independent of the browser's time zone). */
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function weekday(date: string): (typeof WEEKDAYS)[number] {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

export function CalendarPage() {
  const { t } = useTranslation();
  usePageTitle(t('calendar.title'));
  return <RequireAdmin>{() => <Calendar />}</RequireAdmin>;
}

function Calendar() {
  const { t } = useTranslation();
  const thisYear = Number(serviceToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const years = [-2, -1, 0, 1, 2].map((d) => thisYear + d);
  const yearId = useId();
  const { data, error, loading, refetch } = useQuery(WorkingCalendarDocument, { variables: { year }, fetchPolicy: 'network-only' });
  const cal = data?.workingCalendar;

  return (
    <div className="page page-admin">
      <h1>{t('calendar.title')}</h1>
      <p className="hint">{t('calendar.intro')}</p>
      <div className="filter-field">
        <label htmlFor={yearId}>{t('calendar.year')}</label>
        <NativeSelect
          id={yearId}
          options={years.map((y) => ({ value: String(y), label: t('calendar.yearOption', { year: y }) }))}
          value={String(year)}
          onChange={(v) => setYear(Number(v ?? thisYear))}
        />
      </div>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : loading && !cal ? (
        <Loading />
      ) : cal ? (
        <>
          {cal.known ? (
            <Alert type="success" showIcon className="form-alert" title={t('calendar.known', { year: cal.year })} />
          ) : (
            <Alert type="warning" showIcon role="alert" className="form-alert" title={t('calendar.unknown')} />
          )}
          <Card className="editor-section" title={<h2 className="card-heading">{t('calendar.daysTitle', { year: cal.year })}</h2>}>
            <DayTable days={cal.days} />
          </Card>
        </>
      ) : null}
      <DayForm
        key={year}
        year={year}
        onSaved={async () => {
          await refetch();
        }}
      />
    </div>
  );
}

function DayTable({ days }: { days: readonly CalendarDayFieldsFragment[] }) {
  const { t } = useTranslation();
  // antd's own empty state is too pale to read (contrast), so an empty year is a plain sentence
  if (!days.length) return <p>{t('calendar.noDays')}</p>;
  return (
    <Table<CalendarDayFieldsFragment>
      rowKey="date"
      dataSource={[...days]}
      pagination={false}
      size="small"
      scroll={{ x: true }}
      columns={[
        {
          key: 'date',
          title: t('calendar.date'),
          render: (_, d) => `${d.date}（${t(`calendar.weekday.${weekday(d.date)}`)}）`,
        },
        {
          key: 'kind',
          title: t('calendar.kind'),
          render: (_, d) => <Pill tone={KIND_TONE[d.kind] ?? 'neutral'}>{t(`calendar.kinds.${d.kind}`, { defaultValue: d.kind })}</Pill>,
        },
        {
          key: 'name',
          title: t('calendar.name'),
          render: (_, d) => (
            <>
              {d.name ?? ''}
              {d.override && (
                <>
                  {d.name ? ' ' : ''}
                  <Pill tone="purple">{t('calendar.override')}</Pill>
                </>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

function DayForm({ year, onSaved }: { year: number; onSaved(): Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const dateId = useId();
  const nameId = useId();
  const workingId = useId();
  const [date, setDate] = useState('');
  const [working, setWorking] = useState<boolean>(false);
  const [name, setName] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [save, { loading }] = useMutation(SetCalendarDayDocument);

  const submit = async () => {
    setFailure(null);
    if (!date) {
      setFailure(t('calendar.dateRequired'));
      return;
    }
    try {
      await save({ variables: { date, working, name: name.trim() === '' ? null : name.trim() } });
      message.success(t('calendar.saved', { date }));
      setName('');
      await onSaved();
    } catch (e) {
      const err = apiError(e);
      if (err.code === 'FORBIDDEN') setFailure(t('calendar.forbidden'));
      else if (err.code === 'NETWORK') setFailure(t('calendar.saveFailed', { message: t('errors.network') }));
      else {
        const label = err.code ? t(`errors.${err.code}`, { defaultValue: '' }) : '';
        setFailure(t('calendar.saveFailed', { message: label ? `${label}（${err.message}）` : err.message }));
      }
    }
  };

  return (
    <Card className="editor-section" title={<h2 className="card-heading">{t('calendar.formTitle')}</h2>}>
      <p className="hint">{t('calendar.formHint')}</p>
      {failure && <Alert type="error" showIcon role="alert" className="form-alert" title={failure} />}
      <form
        className="calendar-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="filter-field">
          <label htmlFor={dateId}>{t('calendar.date')}</label>
          <Input
            id={dateId}
            type="date"
            required
            min={`${year - 2}-01-01`}
            max={`${year + 2}-12-31`}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            style={{ maxWidth: 220 }}
          />
        </div>
        <div className="filter-field" role="group" aria-labelledby={workingId}>
          <span id={workingId}>{t('calendar.dayType')}</span>{' '}
          <Radio.Group
            value={working}
            onChange={(e) => setWorking(e.target.value as boolean)}
            options={[
              { value: true, label: t('calendar.working') },
              { value: false, label: t('calendar.off') },
            ]}
          />
        </div>
        <div className="filter-field">
          <label htmlFor={nameId}>{t('calendar.nameOptional')}</label>
          <Input id={nameId} maxLength={50} value={name} onChange={(e) => setName(e.target.value)} style={{ maxWidth: 320 }} />
        </div>
        <Button type="primary" htmlType="submit" disabled={loading}>
          {t('calendar.save')}
        </Button>
      </form>
    </Card>
  );
}
