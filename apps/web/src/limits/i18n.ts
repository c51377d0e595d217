/**
 * Text for the server's protective refusals (input limits, tracking limits, outages), zh-CN and en. Mounted under
 * the `limits` key of the app's resources (i18n/zh-CN.ts, i18n/en.ts); rendered from `extensions.messageKey`.
 */
export const limitsZh = {
  trackingLimited: '该办件编号的查询码错误次数过多，请联系办事服务中心，或约 {{minutes}} 分钟后再试。',
  serviceUnavailable: '服务暂时不可用，请稍后几秒再试。',
};

export const limitsEn: typeof limitsZh = {
  trackingLimited: 'Too many wrong lookup codes for this application number. Please contact the service centre, or try again in about {{minutes}} minutes.',
  serviceUnavailable: 'The service is briefly unavailable; please try again in a few seconds.',
};
