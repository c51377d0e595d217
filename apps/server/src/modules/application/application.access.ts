/** Who someone is to an application: the roles they may act in, and whether they may read or see personal data. */
import { Actor, Role } from '@weimin/domain';
import { coversPath, type Viewer } from '../../common/context';

export interface ApplicationParties {
  applicant_user_id: string | null;
  submitted_by: string;
  on_behalf: boolean;
  /** Materialised path of the jurisdiction it was lodged at. */
  path: string;
  /** Path of the centre whose stage holds it now (null once it has left the chain). */
  stage_center_path?: string | null;
  stage_kind?: string | null;
}

/** The path whose clerks act on the application now: the current stage's centre, or where it was lodged. */
function actingPath(a: ApplicationParties): string {
  return a.stage_center_path ?? a.path;
}

export function actorsFor(viewer: Viewer | null, a: ApplicationParties): Actor[] {
  if (!viewer) return [];
  const actors: Actor[] = [];
  if (a.applicant_user_id === viewer.id || (!a.on_behalf && a.submitted_by === viewer.id)) actors.push(Actor.APPLICANT);
  // The station works the stages held at the village (collection, hand-over) also for a villager's own application.
  const atStation = (a.stage_kind === 'COLLECT' || a.stage_kind === 'DELIVER') && coversPath(viewer, [Role.AGENT], actingPath(a));
  if ((a.on_behalf && (a.submitted_by === viewer.id || coversPath(viewer, [Role.AGENT], a.path))) || atStation) actors.push(Actor.AGENT);
  if (coversPath(viewer, [Role.CLERK], actingPath(a))) actors.push(Actor.CLERK);
  return actors;
}

/** The clerks of the lodging centre follow an application up the chain (they read it, others act on it). */
function followsIt(viewer: Viewer | null, a: ApplicationParties): boolean {
  return coversPath(viewer, [Role.CLERK], a.path);
}

/** Supervisors and system administrators read within their subtree; they act on nothing here. */
export function mayRead(viewer: Viewer | null, a: ApplicationParties): boolean {
  return actorsFor(viewer, a).length > 0 || followsIt(viewer, a) || coversPath(viewer, [Role.SUPERVISOR, Role.SYSTEM_ADMIN], a.path);
}

/** ID numbers and phones are shown whole only to the applicant, their agent and the handling clerks. */
export function maySeePersonalData(viewer: Viewer | null, a: ApplicationParties): boolean {
  return actorsFor(viewer, a).length > 0 || followsIt(viewer, a);
}

export const APPEAL_RIGHTS =
  '如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议，或者自收到本决定之日起六个月内依法向人民法院提起行政诉讼。';
