/** `import … from './x?lang=en'`: a second instance of a module in another chunk (see en.ts). */
declare module '*?lang=en' {
  const module: unknown;
  export = module;
}
