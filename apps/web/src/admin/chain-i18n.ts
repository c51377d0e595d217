/**
 * Text of the handling-chain section of the item editor and of the server's chain rules (message keys
 * `chain.<rule>`, shown as `serverErrors.keys.chain.<rule>`), zh-CN and en. Loaded with the editor
 * (admin/chain-text.ts), the English half with the English chunk (i18n/en.ts).
 */
export const chainEditorZh = {
  title: '办理链条（四级联动）',
  intro: '按顺序列出办件经过的环节：代收（可选，受理层级以下）→ 受理（唯一，在办理层级）→ 审核、公示 → 审批（唯一，最后）。每个环节在申请人所在地以上该层级的中心办理。',
  useChain: '本事项跨层级办理（设置办理链条）',
  oneStage: '未设置链条：在办理层级受理并办结（窗口受理 5 个工作日，审批按承诺时限）。',
  stage: '第 {{n}} 环节',
  kind: '环节类型',
  level: '环节层级',
  name: '环节名称',
  limit: '时限',
  unit: '单位',
  up: '上移第 {{n}} 环节',
  down: '下移第 {{n}} 环节',
  remove: '删除第 {{n}} 环节',
  add: '增加环节',
  extensionLimit: '最长延期（工作日）',
  extensionHelp: '《行政许可法》第四十二条：审批环节可延期一次，不填为 10 个工作日。',
  kinds: {
    COLLECT: '代收',
    ACCEPT: '受理',
    REVIEW: '审核',
    PUBLIC_NOTICE: '公示',
    DECIDE: '审批',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const chainEditorEn: Widen<typeof chainEditorZh> = {
  title: 'Handling chain (four-level linkage)',
  intro:
    'List the stages in order: collection (optional, below the accepting level) → acceptance (one, at the handling level) → reviews and public notice → decision (one, last). Each stage is handled by the centre of its level above the applicant’s place.',
  useChain: 'This item is handled across levels (set a handling chain)',
  oneStage: 'No chain: accepted and decided at the handling level (acceptance within 5 working days, decision within the promised limit).',
  stage: 'Stage {{n}}',
  kind: 'Stage kind',
  level: 'Stage level',
  name: 'Stage name',
  limit: 'Time limit',
  unit: 'Unit',
  up: 'Move stage {{n}} up',
  down: 'Move stage {{n}} down',
  remove: 'Remove stage {{n}}',
  add: 'Add a stage',
  extensionLimit: 'Longest extension (working days)',
  extensionHelp: 'Art. 42 of the Administrative Licensing Law: the decision may be extended once; empty means 10 working days.',
  kinds: {
    COLLECT: 'Collection',
    ACCEPT: 'Acceptance',
    REVIEW: 'Review',
    PUBLIC_NOTICE: 'Public notice',
    DECIDE: 'Decision',
  },
};
