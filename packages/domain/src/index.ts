export * from './enums';
export * from './jurisdiction';
export * from './person';
export * from './catalogue';
export * from './rates';
