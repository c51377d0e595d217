/**
 * What the applicant is told at each step (in the app, and by SMS where an adapter is configured): a key of the
 * text catalogue (`application.notice.*`) with its parameters; the title and body kept on the row are its zh-CN
 * words, the applicant's language and what the SMS carries.
 */
import type { EntityManager } from 'typeorm';
import { ApplicationAction, textOf, type AnyAction, type ApplicationNoticeKey, type ApplicationText, type TextParams, type TextRef } from '@weimin/domain';

interface Row {
  number: string;
  due_date: string | null;
  supplement_deadline: string | null;
  content: { name: string };
  lookup_code: string;
}

export interface Message {
  title: string;
  body: string;
  messageKey: string;
  params: TextParams;
}

/** The message of a catalogue key in zh-CN, with the key and parameters kept for the reader's language. */
export function message(notice: ApplicationNoticeKey, params: TextParams): Message {
  const messageKey = `application.notice.${notice}`;
  return { title: textOf(`${messageKey}.title`, params), body: textOf(`${messageKey}.body`, params), messageKey, params };
}

const STATUS_NOTICE: Partial<Record<ApplicationAction, ApplicationNoticeKey>> = {
  SUBMIT: 'SUBMIT',
  ACCEPT: 'ACCEPT',
  DEEMED_ACCEPT: 'ACCEPT',
  NOTIFY_DEFICIENCY: 'DEFICIENT',
  RETURN_FOR_SUPPLEMENT: 'DEFICIENT',
  REJECT: 'REJECT',
  SUSPEND: 'SUSPEND',
  RESUME: 'RESUME',
  COMPLETE: 'COMPLETE',
  DELIVER: 'DELIVER',
  LAPSE: 'LAPSE',
};

export function notificationFor(a: Row, action: ApplicationAction): Message | null {
  const notice = STATUS_NOTICE[action];
  if (!notice) return null;
  const params: TextParams = { item: a.content.name, number: a.number };
  if (notice === 'SUBMIT') params.lookupCode = a.lookup_code;
  if (notice === 'ACCEPT' || notice === 'RESUME') params.dueDate = a.due_date;
  if (notice === 'DEFICIENT') params.deadline = a.supplement_deadline;
  return message(notice, params);
}

interface StageRow extends Row {
  stage_center_id: number | null;
  stage_due_on: string | null;
  extension: { workingDays: number; reason: string } | null;
}

/** Every stage change reaches the applicant too (by SMS where configured): where the application is now. */
export async function stageNotification(m: EntityManager, a: StageRow, action: AnyAction): Promise<Message | null> {
  if (action === 'EXTEND' && a.extension) {
    return message('EXTEND', { item: a.content.name, number: a.number, days: a.extension.workingDays, count: a.extension.workingDays, dueDate: a.due_date, reason: a.extension.reason });
  }
  if (!a.stage_center_id) return null;
  const [s] = await m.query(
    `SELECT s.name, coalesce(c.name, j.name) AS centre FROM application_stage s JOIN jurisdiction j ON j.id = s.center_id
       LEFT JOIN service_center c ON c.jurisdiction_id = s.center_id
      WHERE s.application_id = (SELECT application_id FROM application_number WHERE number = $1) AND s.done_at IS NULL ORDER BY s.id DESC LIMIT 1`,
    [a.number],
  );
  if (!s) return null;
  return stageMoveMessage(a, action, s.name, s.centre);
}

/** Where the application went: the stage it arrived at and the centre holding it. */
export function stageMoveMessage(a: Pick<StageRow, 'content' | 'number' | 'stage_due_on'>, action: AnyAction, stage: string, centre: string): Message {
  const notice: ApplicationNoticeKey = action === 'RETURN' ? 'RETURN' : action === 'REFER' ? 'REFER' : 'FORWARD';
  return message(notice, { item: a.content.name, number: a.number, stage, centre, stageDue: a.stage_due_on });
}

/** A history line from the catalogue (`application.history.*`): its key, parameters and zh-CN words. */
export function historyNote(name: keyof ApplicationText['history'], params: TextParams = {}): { note: string; noteKey: string; noteParams: TextParams } {
  const noteKey = `application.history.${name}`;
  return { note: textOf(noteKey, params), noteKey, noteParams: params };
}

/** A reference to another text of the catalogue, as a parameter (a procedure's or a delivery method's name). */
export function ref(key: string): TextRef {
  return { key };
}
