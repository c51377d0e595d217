/** The subtrees a staff list covers: the viewer's, optionally narrowed to one jurisdiction in them. */
import type { DataSource } from 'typeorm';
import type { Role } from '@weimin/domain';
import { coversPath, scopePaths, type Viewer } from './context';
import { ForbiddenError, InputError } from './errors';

/**
 * The materialised paths of the subtrees a staff list covers: the viewer's grants of these roles, or one
 * jurisdiction in them (`jurisdictionId`, checked). Lists filter on the row's scope columns with these.
 */
export async function subtreePaths(
  ds: DataSource,
  viewer: Viewer | null,
  roles: readonly Role[],
  jurisdictionId: string | null | undefined,
  refusal: string,
  refusalKey: string,
): Promise<string[]> {
  const paths = scopePaths(viewer, roles);
  if (!paths.length) throw new ForbiddenError(refusal, refusalKey);
  if (jurisdictionId == null) return paths;
  const id = Number(jurisdictionId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new InputError('filter.jurisdictionId', 'is not a jurisdiction id', {}, 'input.badId');
  const [target] = await ds.query(`SELECT path FROM jurisdiction WHERE id = $1`, [id]);
  if (!target) throw new InputError('filter.jurisdictionId', 'does not exist', {}, 'jurisdiction.unknown');
  if (!coversPath(viewer, roles, target.path)) throw new ForbiddenError('That jurisdiction is outside your scope', 'forbidden.outsideScope');
  return [target.path];
}
