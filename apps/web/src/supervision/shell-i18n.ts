/** The supervision text the page frame needs on the first load (its navigation); the rest comes with its pages. */
export const supervisionShellZh = {
  nav: {
    dashboard: '监督看板',
    rectifications: '差评整改',
    statistics: '统计公开',
  },
};

export const supervisionShellEn: typeof supervisionShellZh = {
  nav: {
    dashboard: 'Dashboard',
    rectifications: 'Rectifications',
    statistics: 'Statistics',
  },
};
