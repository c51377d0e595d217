/**
 * The words of a stage's outcome (环节结果), zh-CN and en, by code: the stage views of the web
 * (applications/linkage-i18n.ts) and the dashboard's stage export say the same words. Plain strings, no imports
 * (the web loads them with the linkage pages only).
 */
export type StageOutcomeCode =
  | 'FORWARDED' | 'RETURNED' | 'RETURNED_FOR_SUPPLEMENT' | 'SUPPLEMENTED' | 'REFERRED' | 'ACCEPTED' | 'DEEMED_ACCEPTED'
  | 'REJECTED' | 'DECIDED' | 'DELIVERED' | 'WITHDRAWN' | 'LAPSED' | 'NOTICE_ENDED';

export const STAGE_OUTCOME_LABELS_ZH: Record<StageOutcomeCode, string> = {
  FORWARDED: '已转报',
  RETURNED: '已退回',
  RETURNED_FOR_SUPPLEMENT: '退回补正',
  SUPPLEMENTED: '已补正',
  REFERRED: '已移送',
  ACCEPTED: '已受理',
  DEEMED_ACCEPTED: '视为受理',
  REJECTED: '不予受理',
  DECIDED: '已作出决定',
  DELIVERED: '已送达',
  WITHDRAWN: '已撤回',
  LAPSED: '逾期未补正',
  NOTICE_ENDED: '公示期满无异议',
};

export const STAGE_OUTCOME_LABELS_EN: Record<StageOutcomeCode, string> = {
  FORWARDED: 'Forwarded',
  RETURNED: 'Returned',
  RETURNED_FOR_SUPPLEMENT: 'Returned for materials',
  SUPPLEMENTED: 'Supplemented',
  REFERRED: 'Referred',
  ACCEPTED: 'Accepted',
  DEEMED_ACCEPTED: 'Deemed accepted',
  REJECTED: 'Not accepted',
  DECIDED: 'Decided',
  DELIVERED: 'Delivered',
  WITHDRAWN: 'Withdrawn',
  LAPSED: 'Lapsed',
  NOTICE_ENDED: 'Notice ended without objection',
};
