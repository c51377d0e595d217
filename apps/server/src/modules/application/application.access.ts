/** Who someone is to an application: the roles they may act in, and whether they may read or see personal data. */
import { Actor, Role } from '@weimin/domain';
import { coversPath, type Viewer } from '../../common/context';

export interface ApplicationParties {
  applicant_user_id: string | null;
  submitted_by: string;
  on_behalf: boolean;
  /** Materialised path of the handling jurisdiction. */
  path: string;
}

export function actorsFor(viewer: Viewer | null, a: ApplicationParties): Actor[] {
  if (!viewer) return [];
  const actors: Actor[] = [];
  if (a.applicant_user_id === viewer.id || (!a.on_behalf && a.submitted_by === viewer.id)) actors.push(Actor.APPLICANT);
  if (a.on_behalf && (a.submitted_by === viewer.id || coversPath(viewer, [Role.AGENT], a.path))) actors.push(Actor.AGENT);
  if (coversPath(viewer, [Role.CLERK], a.path)) actors.push(Actor.CLERK);
  return actors;
}

/** Supervisors and system administrators read within their subtree; they act on nothing here. */
export function mayRead(viewer: Viewer | null, a: ApplicationParties): boolean {
  return actorsFor(viewer, a).length > 0 || coversPath(viewer, [Role.SUPERVISOR, Role.SYSTEM_ADMIN], a.path);
}

/** ID numbers and phones are shown whole only to the applicant, their agent and the handling clerks. */
export function maySeePersonalData(viewer: Viewer | null, a: ApplicationParties): boolean {
  return actorsFor(viewer, a).length > 0;
}

export const APPEAL_RIGHTS =
  '如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议，或者自收到本决定之日起六个月内依法向人民法院提起行政诉讼。';
