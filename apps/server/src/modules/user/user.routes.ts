/**
 * The staff workbook as a file download (`GET /api/users/export.xlsx`), authenticated like /graphql; system
 * administrators only, their subtree only.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../common/errors';
import { buildRequestContext, sendAppError } from '../../common/http';
import { encodeRfc5987 } from '../catalogue/directory.routes';
import type { Services } from '../../services';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerUserRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: { template?: string } }>('/api/users/export.xlsx', async (req, reply) => {
    try {
      const ctx = await buildRequestContext(services, req);
      if (!ctx.viewer) return sendAppError(reply, new AppError('UNAUTHENTICATED', 'Please log in first', {}, 'auth.loginRequired'));
      const template = req.query.template === '1';
      const { filename, body } = template ? await services.staffWorkbooks.template(ctx.viewer) : await services.staffWorkbooks.export(ctx.viewer);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeRfc5987(filename)}`)
        .header('cache-control', 'no-store')
        .send(body);
    } catch (e) {
      return sendAppError(reply, e);
    }
  });
}
