/** Per-request loaders of evaluations and rectifications, so a list of applications costs one statement per part. */
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { APPLICATION_SELECT, type ApplicationRow } from '../application/application.service';
import type { EvaluationRow, RectificationRow } from './evaluation.types';
import { RECTIFICATION_SELECT } from './rectification.service';

const EVALUATION_SELECT = `SELECT e.*, to_char(e.evaluated_on, 'YYYY-MM-DD') AS evaluated_on FROM evaluation e`;

function byKey<K, R>(ds: DataSource, sql: string, key: (row: R) => K) {
  return new DataLoader<K, R | null>(async (keys) => {
    const rows: R[] = await ds.query(sql, [keys]);
    const found = new Map(rows.map((r) => [key(r), r]));
    return keys.map((k) => found.get(k) ?? null);
  });
}

export function createEvaluationLoaders(ds: DataSource) {
  return {
    byApplication: byKey<string, EvaluationRow>(ds, `${EVALUATION_SELECT} WHERE e.application_id = ANY($1::uuid[])`, (r) => r.application_id),
    byId: byKey<string, EvaluationRow>(ds, `${EVALUATION_SELECT} WHERE e.id = ANY($1::uuid[])`, (r) => r.id),
    rectificationByEvaluation: byKey<string, RectificationRow>(ds, `${RECTIFICATION_SELECT} WHERE r.evaluation_id = ANY($1::uuid[])`, (r) => r.evaluation_id),
    /** Applications of rectifications in a list (the rows the Application type is built from). */
    application: byKey<string, ApplicationRow>(ds, `${APPLICATION_SELECT} WHERE a.id = ANY($1::uuid[])`, (r) => r.id),
  };
}

export type EvaluationLoaders = ReturnType<typeof createEvaluationLoaders>;
