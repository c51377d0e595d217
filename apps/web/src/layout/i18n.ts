/**
 * Text of the page frame on a phone (the folded navigation), zh-CN and en, mounted under the `frame` key of the
 * app's resources (i18n/zh-CN.ts, i18n/en.ts).
 */
export const frameZh = {
  menu: '菜单',
  menuClose: '收起菜单',
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const frameEn: Widen<typeof frameZh> = {
  menu: 'Menu',
  menuClose: 'Close menu',
};
