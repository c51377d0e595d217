/** What the applicant is told at each step (in the app, and by SMS where an adapter is configured). */
import type { EntityManager } from 'typeorm';
import { ApplicationAction, type AnyAction } from '@weimin/domain';

interface Row {
  number: string;
  due_date: string | null;
  supplement_deadline: string | null;
  content: { name: string };
  lookup_code: string;
}

export function notificationFor(a: Row, action: ApplicationAction): { title: string; body: string } | null {
  const item = `「${a.content.name}」`;
  switch (action) {
    case ApplicationAction.SUBMIT:
      return { title: '申请已提交', body: `您的${item}申请已提交，办件编号 ${a.number}，查询码 ${a.lookup_code}。` };
    case ApplicationAction.ACCEPT:
    case ApplicationAction.DEEMED_ACCEPT:
      return { title: '申请已受理', body: `您的${item}申请（${a.number}）已受理，承诺办结日期 ${a.due_date}。` };
    case ApplicationAction.NOTIFY_DEFICIENCY:
    case ApplicationAction.RETURN_FOR_SUPPLEMENT:
      return { title: '请补正材料', body: `您的${item}申请（${a.number}）材料需要补正，请于 ${a.supplement_deadline} 前补齐，详见一次性告知书。` };
    case ApplicationAction.REJECT:
      return { title: '申请不予受理', body: `您的${item}申请（${a.number}）不予受理，请查看不予受理通知书中的理由和救济途径。` };
    case ApplicationAction.SUSPEND:
      return { title: '办理进入特别程序', body: `您的${item}申请（${a.number}）进入特别程序，所需时间不计入办理时限。` };
    case ApplicationAction.RESUME:
      return { title: '特别程序结束', body: `您的${item}申请（${a.number}）恢复办理，承诺办结日期 ${a.due_date}。` };
    case ApplicationAction.COMPLETE:
      return { title: '申请已办结', body: `您的${item}申请（${a.number}）已办结，请查看办理结果。` };
    case ApplicationAction.DELIVER:
      return { title: '办理结果已送达', body: `您的${item}申请（${a.number}）的办理结果已送达。欢迎对本次服务进行评价。` };
    case ApplicationAction.LAPSE:
      return { title: '申请已失效', body: `您的${item}申请（${a.number}）未在期限内补正，已失效。` };
    default:
      return null;
  }
}

interface StageRow extends Row {
  stage_center_id: number | null;
  stage_due_on: string | null;
  extension: { workingDays: number; reason: string } | null;
}

/** Every stage change reaches the applicant too (by SMS where configured): where the application is now. */
export async function stageNotification(m: EntityManager, a: StageRow, action: AnyAction): Promise<{ title: string; body: string } | null> {
  const item = `「${a.content.name}」`;
  if (action === 'EXTEND' && a.extension) {
    return { title: '办理期限延长', body: `您的${item}申请（${a.number}）办理期限延长${a.extension.workingDays}个工作日，至 ${a.due_date}。理由：${a.extension.reason}` };
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
export function stageMoveMessage(a: Pick<StageRow, 'content' | 'number' | 'stage_due_on'>, action: AnyAction, stage: string, centre: string): { title: string; body: string } {
  const verb = action === 'RETURN' ? '已退回' : action === 'REFER' ? '已移送' : '已转至';
  return { title: '办理环节变更', body: `您的「${a.content.name}」申请（${a.number}）${verb}「${stage}」环节（${centre}），本环节应于 ${a.stage_due_on} 前完成。` };
}
