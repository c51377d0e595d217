/** What the applicant is told at each step (in the app, and by SMS where an adapter is configured). */
import { ApplicationAction } from '@weimin/domain';

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
