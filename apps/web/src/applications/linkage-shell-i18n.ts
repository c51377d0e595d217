/**
 * The part of the linkage text that the page frame and the public guide need on their first load (navigation, the
 * chain diagram); the rest (linkage-i18n.ts) comes with the linkage pages (linkage-text.ts).
 */
export const linkageShellZh = {
  nav: {
    stageQueue: '环节待办',
    register: '代办台账',
    walkIn: '窗口代录',
  },
  chain: {
    title: '四级联动办理环节',
    intro: '本事项经过以下环节，每个环节有自己的办理时限：',
    limit: '时限 {{limit}}',
    levelName: {
      CITY: '市级',
      COUNTY: '县级',
      TOWNSHIP: '乡镇',
      VILLAGE: '本村',
    },
  },
  days: '{{n}}个工作日',
  calendarDays: '{{n}}日',
};

export const linkageShellEn: typeof linkageShellZh = {
  nav: { stageQueue: 'Stage queue', register: 'Station register', walkIn: 'Walk-in' },
  chain: {
    title: 'Stages across the four levels',
    intro: 'The application passes these stages, each with its own time limit:',
    limit: 'limit {{limit}}',
    levelName: { CITY: 'City', COUNTY: 'County', TOWNSHIP: 'Township', VILLAGE: 'Village' },
  },
  days: '{{n}} working days',
  calendarDays: '{{n}} days',
};
