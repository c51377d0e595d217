/** SQL conditions that keep a staff list inside the viewer's subtrees, optionally narrowed to one jurisdiction. */
import type { DataSource } from 'typeorm';
import type { Role } from '@weimin/domain';
import { coversPath, scopePaths, type Viewer } from './context';
import { ForbiddenError, InputError } from './errors';

/**
 * Conditions on `j.path` (the alias of the jurisdiction joined to the listed rows); `param` adds a bind value and
 * returns its placeholder. Refuses a viewer without any of the roles, and a jurisdiction outside their scope.
 */
export async function subtreeConditions(
  ds: DataSource,
  viewer: Viewer | null,
  roles: readonly Role[],
  jurisdictionId: string | null | undefined,
  param: (v: unknown) => string,
  refusal: string,
): Promise<string[]> {
  const paths = scopePaths(viewer, roles);
  if (!paths.length) throw new ForbiddenError(refusal);
  const where = [`(${paths.map((x) => `j.path LIKE ${param(x + '%')}`).join(' OR ')})`];
  if (jurisdictionId != null) {
    const [target] = await ds.query(`SELECT path FROM jurisdiction WHERE id = $1`, [Number(jurisdictionId) || 0]);
    if (!target) throw new InputError('filter.jurisdictionId', 'does not exist');
    if (!coversPath(viewer, roles, target.path)) throw new ForbiddenError('That jurisdiction is outside your scope');
    where.push(`j.path LIKE ${param(target.path + '%')}`);
  }
  return where;
}
