/**
 * The audit log as a file (`GET /api/audit/export.csv` or `.xlsx`, the filters of `auditLog` as query parameters),
 * for system administrators and supervisors within their subtree; at most 10,000 entries, newest first.
 */
import type { FastifyInstance } from 'fastify';
import { Workbook } from 'exceljs';
import { localDateTime, localDay } from '@weimin/domain';
import { AppError, InputError } from '../../common/errors';
import { buildRequestContext, sendAppError } from '../../common/http';
import { encodeRfc5987 } from '../catalogue/directory.routes';
import type { Services } from '../../services';
import { AUDIT_MAX_PAGE, type AuditFilter, type AuditRow } from './audit.service';

const MAX_ROWS = 10_000;
const HEADERS = ['时间（北京时间）', '操作人', '登录名', '角色', '区划代码', '操作', '对象', '对象编号', '修改前', '修改后', '地址', '请求编号'];

function csvCell(v: unknown): string {
  const s = v == null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // a leading = + - @ would be a formula in a spreadsheet
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function filterOf(q: Record<string, string | undefined>): AuditFilter {
  const text = (k: string, max: number) => {
    const v = q[k];
    if (v == null || v === '') return null;
    if (v.length > max) throw new InputError(k, `must be at most ${max} characters`, { max }, 'input.tooLong');
    return v;
  };
  const date = (k: string) => {
    const v = text(k, 40);
    if (v == null) return null;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new InputError(k, 'is not a date', {}, 'input.notADate');
    return d;
  };
  return { actorId: text('actorId', 36), action: text('action', 60), entity: text('entity', 60), entityId: text('entityId', 100), jurisdictionId: text('jurisdictionId', 12), from: date('from'), to: date('to') };
}

export function registerAuditRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { format: string }; Querystring: Record<string, string | undefined> }>('/api/audit/export.:format', async (req, reply) => {
    try {
      const ctx = await buildRequestContext(services, req);
      if (!ctx.viewer) return sendAppError(reply, new AppError('UNAUTHENTICATED', 'Please log in first', {}, 'auth.loginRequired'));
      const format = req.params.format;
      if (format !== 'csv' && format !== 'xlsx') return sendAppError(reply, new AppError('NOT_FOUND', `No export as ${format}`, { format }, 'audit.noSuchFormat'));
      const filter = filterOf(req.query);
      const rows: Array<AuditRow & { code?: string }> = [];
      let after: string | null = null;
      do {
        const page = await services.audit.list(ctx.viewer, filter, AUDIT_MAX_PAGE, after);
        rows.push(...page.nodes);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after && rows.length < MAX_ROWS);
      const places = await services.jurisdictions.byIds([...new Set(rows.map((r) => r.jurisdictionId).filter((x): x is number => x != null))]);
      const values = rows.slice(0, MAX_ROWS).map((r) => [
        localDateTime(r.at), r.actorName ?? '', r.actorLogin ?? '', r.roles ?? '', r.jurisdictionId != null ? (places.get(r.jurisdictionId)?.code ?? '') : '',
        r.action, r.entity, r.entityId ?? '', r.before == null ? '' : JSON.stringify(r.before), r.after == null ? '' : JSON.stringify(r.after), r.ip ?? '', r.requestId ?? '',
      ]);
      const day = localDay(new Date());
      let body: Buffer | string;
      if (format === 'csv') {
        // BOM: Excel opens UTF-8 CSV correctly only with it
        body = '\uFEFF' + [HEADERS, ...values].map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
        reply.header('content-type', 'text/csv; charset=utf-8');
      } else {
        const wb = new Workbook();
        wb.creator = '为民服务系统';
        const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
        ws.addRow(HEADERS).font = { bold: true };
        for (const v of values) ws.addRow(v);
        ws.columns.forEach((c, i) => (c.width = [22, 12, 16, 24, 14, 22, 16, 38, 40, 40, 16, 38][i]));
        body = Buffer.from(await wb.xlsx.writeBuffer());
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      }
      return reply
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeRfc5987(`审计日志-${day}.${format}`)}`)
        .header('cache-control', 'no-store')
        .send(body);
    } catch (e) {
      return sendAppError(reply, e);
    }
  });
}
