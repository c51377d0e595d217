/**
 * Dashboard downloads, authenticated like /graphql (bearer token or session cookie) and scoped like `performance`:
 *   GET /api/dashboard/export.xlsx?jurisdictionId=&from=&to=   headline figures, children and service items
 *   GET /api/dashboard/export.csv?jurisdictionId=&from=&to=    the children table
 *   GET /api/dashboard/stages.xlsx?jurisdictionId=&from=&to=[&level=&kind=&mode=]
 *       the stage figures (四级联动) and where applications wait now; with level and kind, also the applications
 *       behind that figure (mode ARRIVED, WAITING or OVERDUE, as stageApplications lists them), up to 50,000 rows
 */
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { JurisdictionLevel, LEVEL_LABELS_ZH, STAGE_KIND_LABELS_ZH, STAGE_OUTCOME_LABELS_ZH, StageKind, localDateTime } from '@weimin/domain';
import { hasRole } from '../../common/context';
import { ForbiddenError, InputError, UnauthenticatedError } from '../../common/errors';
import { buildRequestContext, sendAppError } from '../../common/http';
import type { Services } from '../../services';
import type { Figures } from './dashboard.figures';
import { DASHBOARD_READERS } from './dashboard.service';
import type { ItemPerformance, Performance } from './dashboard.types';
import { stageFigures, stagesWaiting } from './stage-figures';
import { StageDrillMode, stageDrillAll, type StageDrillRow } from './stage-drill';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Report = Awaited<ReturnType<Services['dashboard']['report']>>;

/** The columns of a figures table: header (Chinese, as users read it), value, and whether it is a share. */
const COLUMNS: Array<{ header: string; value: (f: Figures & Partial<Pick<Performance, 'overdueOpen' | 'warningOpen'>>) => number | null; share?: boolean }> = [
  { header: '受理申请数(收件)', value: (f) => f.received },
  { header: '受理数', value: (f) => f.accepted },
  { header: '不予受理数', value: (f) => f.rejected },
  { header: '办结数', value: (f) => f.completed },
  { header: '按时办结数', value: (f) => f.completedOnTime },
  { header: '办结率', value: (f) => f.completionRate, share: true },
  { header: '按时办结率', value: (f) => f.onTimeRate, share: true },
  { header: '当前超期', value: (f) => f.overdueOpen ?? null },
  { header: '当前预警', value: (f) => f.warningOpen ?? null },
  { header: '办理时长中位数(工作日)', value: (f) => f.medianHandlingDays },
  { header: '办理时长P90(工作日)', value: (f) => f.p90HandlingDays },
  { header: '评价数', value: (f) => f.evaluations },
  { header: '满意数', value: (f) => f.satisfied },
  { header: '满意率', value: (f) => f.satisfactionRate, share: true },
  { header: '平均分', value: (f) => f.averageGrade },
  { header: '差评数', value: (f) => f.badReviews },
  { header: '差评按期整改数', value: (f) => f.rectifiedInTime },
  { header: '一次性告知数', value: (f) => f.deficient },
  { header: '告知率', value: (f) => f.deficiencyRate, share: true },
  { header: '重复告知数', value: (f) => f.repeatNotices },
];

function parseQuery(q: Record<string, string | undefined>): { jurisdictionId: number; from: string; to: string } {
  const raw = q.jurisdictionId ?? '';
  const jurisdictionId = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(jurisdictionId) || jurisdictionId <= 0) throw new InputError('jurisdictionId', 'is not a jurisdiction id', {}, 'input.badId');
  for (const f of ['from', 'to'] as const) if (!q[f] || !/^\d{4}-\d{2}-\d{2}$/.test(q[f] as string)) throw new InputError(f, 'must be a calendar day YYYY-MM-DD', {}, 'input.notADay');
  return { jurisdictionId, from: q.from as string, to: q.to as string };
}

function csvCell(v: string | number | null): string {
  if (v == null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The children table as CSV (UTF-8 with BOM, so that Excel opens the Chinese right); shares as fractions. */
export function childrenCsv(report: Report): string {
  const header = ['代码', '名称', ...COLUMNS.map((c) => c.header)];
  const line = (p: Performance) => [p.jurisdiction.code, p.jurisdiction.name, ...COLUMNS.map((c) => {
    const v = c.value(p);
    return v == null ? null : c.share ? Number(v.toFixed(4)) : Number(Number(v).toFixed(2));
  })];
  const rows = [header, ...report.children.map(line), line(report.headline).map((v, i) => (i === 1 ? `${v}（合计）` : v))];
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function reportWorkbook(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Weimin';
  const { headline } = report;
  const title = `${headline.jurisdiction.name} ${headline.from} 至 ${headline.to}`;

  const summary = wb.addWorksheet('概况');
  summary.columns = [{ header: '指标', width: 26 }, { header: '数值', width: 16 }];
  summary.addRow(['范围', title]);
  summary.addRow(['数据截至', `${localDateTime(headline.generatedAt)}（北京时间）`]);
  for (const c of COLUMNS) {
    const row = summary.addRow([c.header, c.value(headline)]);
    if (c.share) row.getCell(2).numFmt = '0.0%';
  }

  const table = (name: string, keyHeaders: Array<{ header: string; width: number }>, rows: Array<{ keys: string[]; figures: Figures }>) => {
    const ws = wb.addWorksheet(name);
    ws.columns = [...keyHeaders, ...COLUMNS.map((c) => ({ header: c.header, width: Math.max(10, c.header.length * 2) }))];
    for (const r of rows) ws.addRow([...r.keys, ...COLUMNS.map((c) => c.value(r.figures))]);
    COLUMNS.forEach((c, i) => {
      if (c.share) ws.getColumn(keyHeaders.length + i + 1).numFmt = '0.0%';
    });
    ws.views = [{ state: 'frozen', xSplit: keyHeaders.length, ySplit: 1 }];
    ws.getRow(1).font = { bold: true };
  };
  table(
    '下级',
    [{ header: '代码', width: 14 }, { header: '名称', width: 18 }],
    report.children.map((p) => ({ keys: [p.jurisdiction.code, p.jurisdiction.name], figures: p })),
  );
  table(
    '事项',
    [{ header: '事项编码', width: 14 }, { header: '事项名称', width: 30 }, { header: '所属目录', width: 12 }],
    report.items.map((i: ItemPerformance) => ({ keys: [i.code, i.name, i.ownerName], figures: i })),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const MODE_ZH: Record<StageDrillMode, string> = { ARRIVED: '期间到达', WAITING: '当前等待', OVERDUE: '当前超期' };
// levels and outcomes in the words the dashboard shows (the shared texts, packages/domain/src/texts)
const LEVEL_ZH = LEVEL_LABELS_ZH;
const OUTCOME_ZH: Record<string, string> = STAGE_OUTCOME_LABELS_ZH;
/** Rows an export holds at most: a whole city's year of one stage kind fits, a workbook stays openable. */
export const STAGE_EXPORT_CAP = 50_000;

export interface StageExport {
  scopeName: string;
  from: string;
  to: string;
  figures: Awaited<ReturnType<typeof stageFigures>>;
  waiting: Awaited<ReturnType<typeof stagesWaiting>>;
  drill?: { level: JurisdictionLevel; kind: StageKind; mode: StageDrillMode; rows: StageDrillRow[]; capped: boolean };
  generatedAt: Date;
}

const stageLabel = (level: JurisdictionLevel, kind: StageKind) => `${LEVEL_ZH[level]}·${STAGE_KIND_LABELS_ZH[kind]}`;

/** The stage figures as a workbook: 环节统计, 当前等待 and, for one figure, 明细 (Chinese, as users read it). */
export async function stageWorkbook(x: StageExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Weimin';
  const head = (ws: ExcelJS.Worksheet) => {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const figures = wb.addWorksheet('环节统计');
  figures.columns = [
    { header: '层级', width: 10 }, { header: '环节', width: 10 }, { header: '到达数', width: 10 }, { header: '已完成', width: 10 },
    { header: '按时完成', width: 10 }, { header: '环节按时率', width: 12 }, { header: '停留中位数(工作日)', width: 18 },
    { header: '停留P90(工作日)', width: 16 }, { header: '退回', width: 8 }, { header: '异议', width: 8 }, { header: '延期', width: 8 },
    { header: '代收预审遗漏', width: 14 },
  ];
  for (const f of x.figures) {
    figures.addRow([LEVEL_ZH[f.level], STAGE_KIND_LABELS_ZH[f.kind], f.arrivals, f.done, f.doneOnTime, f.onTimeRate, f.medianDwellDays,
      f.p90DwellDays, f.returns, f.objections, f.extensions, f.kind === StageKind.COLLECT ? f.precheckMisses : null]);
  }
  figures.getColumn(6).numFmt = '0.0%';
  head(figures);
  const waiting = wb.addWorksheet('当前等待');
  waiting.columns = [{ header: '层级', width: 10 }, { header: '环节', width: 10 }, { header: '在办', width: 10 }, { header: '超期', width: 10 }];
  for (const w of x.waiting) waiting.addRow([LEVEL_ZH[w.level], STAGE_KIND_LABELS_ZH[w.kind], w.open, w.overdue]);
  head(waiting);
  if (x.drill) {
    const d = x.drill;
    const ws = wb.addWorksheet('明细');
    ws.columns = [
      { header: '申请编号', width: 22 }, { header: '事项', width: 28 }, { header: '环节', width: 18 }, { header: '中心', width: 22 },
      { header: '到达日', width: 12 }, { header: '应完成日', width: 12 }, { header: '完成日', width: 12 }, { header: '结果', width: 10 },
      { header: '超时', width: 8 },
    ];
    for (const r of d.rows) {
      ws.addRow([r.number, r.itemName, r.stageName, r.centerName, r.arrivedOn, r.dueOn, r.doneOn, r.outcome ? OUTCOME_ZH[r.outcome] ?? r.outcome : null, r.late ? '是' : '否']);
    }
    head(ws);
    if (d.capped) ws.addRow([`仅列出前 ${STAGE_EXPORT_CAP.toLocaleString('en')} 条，请缩小范围`]);
  }
  const about = wb.addWorksheet('说明');
  about.columns = [{ header: '项目', width: 14 }, { header: '内容', width: 50 }];
  about.addRow(['范围', `${x.scopeName} ${x.from} 至 ${x.to}`]);
  about.addRow(['数据截至', `${localDateTime(x.generatedAt)}（北京时间）`]);
  if (x.drill) about.addRow(['明细', `${stageLabel(x.drill.level, x.drill.kind)} ${MODE_ZH[x.drill.mode]}（${x.drill.rows.length} 条）`]);
  head(about);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function enumArg<T extends string>(field: string, raw: string | undefined, values: readonly T[]): T | undefined {
  if (raw == null || raw === '') return undefined;
  if (!values.includes(raw as T)) throw new InputError(field, `must be one of ${values.join(', ')}`, { values }, 'input.notAllowed');
  return raw as T;
}

/** RFC 5987 encoding for `filename*`. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function registerDashboardRoutes(app: FastifyInstance, services: Services): void {
  for (const format of ['xlsx', 'csv'] as const) {
    app.get<{ Querystring: Record<string, string | undefined> }>(`/api/dashboard/export.${format}`, async (req, reply) => {
      try {
        const ctx = await buildRequestContext(services, req);
        if (!ctx.viewer) throw new UnauthenticatedError();
        const { jurisdictionId, from, to } = parseQuery(req.query);
        // The role check of the GraphQL field, then the same service (scope, range).
        if (!hasRole(ctx.viewer, DASHBOARD_READERS)) throw new ForbiddenError(`This needs one of the roles ${DASHBOARD_READERS.join(', ')}`, 'forbidden.role', { roles: DASHBOARD_READERS.join(', ') });
        const report = await services.dashboard.report(ctx, jurisdictionId, from, to);
        const base = `为民服务统计_${report.headline.jurisdiction.name}_${from}_${to}`;
        reply.header('cache-control', 'no-store');
        if (format === 'csv') {
          return reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="dashboard.csv"; filename*=UTF-8''${encodeRfc5987(`${base}.csv`)}`)
            .send(childrenCsv(report));
        }
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename="dashboard.xlsx"; filename*=UTF-8''${encodeRfc5987(`${base}.xlsx`)}`)
          .send(await reportWorkbook(report));
      } catch (e) {
        return sendAppError(reply, e);
      }
    });
  }

  app.get<{ Querystring: Record<string, string | undefined> }>('/api/dashboard/stages.xlsx', async (req, reply) => {
    try {
      const ctx = await buildRequestContext(services, req);
      if (!ctx.viewer) throw new UnauthenticatedError();
      const { jurisdictionId, from, to } = parseQuery(req.query);
      const level = enumArg('level', req.query.level, Object.values(JurisdictionLevel));
      const kind = enumArg('kind', req.query.kind, Object.values(StageKind));
      const mode = enumArg('mode', req.query.mode, Object.values(StageDrillMode)) ?? StageDrillMode.ARRIVED;
      if ((level == null) !== (kind == null)) throw new InputError(level == null ? 'level' : 'kind', 'is needed with the other: a figure is one level and one stage kind', {}, 'input.required');
      if (!hasRole(ctx.viewer, DASHBOARD_READERS)) throw new ForbiddenError(`This needs one of the roles ${DASHBOARD_READERS.join(', ')}`, 'forbidden.role', { roles: DASHBOARD_READERS.join(', ') });
      // The scope and range checks of performance(), then the figures it shows.
      const p = await services.dashboard.performance(ctx, jurisdictionId, from, to);
      const cal = await services.calendar.calendar();
      const today = services.calendar.today();
      const path = p.scope.node.path;
      const x: StageExport = {
        scopeName: p.jurisdiction.name,
        from: p.from,
        to: p.to,
        figures: await stageFigures(services.ds, cal, path, p.from, p.to, today),
        waiting: await stagesWaiting(services.ds, path, today),
        generatedAt: new Date(),
      };
      if (level && kind) {
        const all = await stageDrillAll(services.ds, { path, from: p.from, to: p.to, today, level, kind, mode }, STAGE_EXPORT_CAP);
        x.drill = { level, kind, mode, ...all };
      }
      const base = `四级联动环节统计_${p.jurisdiction.name}_${from}_${to}${level && kind ? `_${stageLabel(level, kind)}_${MODE_ZH[mode]}` : ''}`;
      return reply
        .header('cache-control', 'no-store')
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="stages.xlsx"; filename*=UTF-8''${encodeRfc5987(`${base}.xlsx`)}`)
        .send(await stageWorkbook(x));
    } catch (e) {
      return sendAppError(reply, e);
    }
  });
}
