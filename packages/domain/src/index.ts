export * from './enums';
export * from './jurisdiction';
export * from './person';
export * from './catalogue';
export * from './rates';
export * from './calendar';
export * from './application';
export * from './evaluation';
