import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import type { PluginObj, types as BabelTypes } from '@babel/core';
import { ClientSideBaseVisitor } from '@graphql-codegen/visitor-plugin-common';
import { buildSchema, parse } from 'graphql';

const api = 'http://localhost:4000';

/**
 * `graphql(\`query Foo …\`)` → an import of `FooDocument` from src/gql/graphql.ts (under a fresh local name, so
 * `const FooDocument = graphql(…)` keeps working). The client preset's `graphql()` looks documents up in one map
 * holding all of them, which put every page's documents in the first load. Each import names its own instance of
 * the module (`graphql.ts?document=FooDocument`, tree-shaken to that one document), so each document lands in the
 * chunk of the page that uses it. (The preset's own babel plugin imports under the document's name, which
 * collides with such a `const`, and from the one module.)
 */
function graphqlDocumentImports({ types: t }: { types: typeof BabelTypes }): PluginObj {
  const visitor = new ClientSideBaseVisitor(buildSchema('type Query { _: Int }'), [], {}, {});
  const artifact = path.resolve(__dirname, 'src/gql/graphql');
  return {
    name: 'weimin-graphql-document-imports',
    visitor: {
      CallExpression(p, state) {
        const { callee, arguments: args } = p.node;
        if (callee.type !== 'Identifier' || callee.name !== 'graphql' || args[0]?.type !== 'TemplateLiteral') return;
        const def = parse(args[0].quasis[0].value.raw).definitions[0];
        if (!def || (def.kind !== 'OperationDefinition' && def.kind !== 'FragmentDefinition') || !def.name) return;
        const exported = def.kind === 'OperationDefinition' ? visitor.getOperationVariableName(def) : visitor.getFragmentVariableName(def);
        const local = p.scope.generateUidIdentifier(exported);
        const from = path.relative(path.dirname(state.filename ?? ''), artifact).split(path.sep).join('/');
        const program = p.findParent((x) => x.isProgram()) as unknown as { unshiftContainer(key: 'body', node: BabelTypes.Statement): void };
        program.unshiftContainer(
          'body',
          t.importDeclaration(
            [t.importSpecifier(local, t.identifier(exported))],
            t.stringLiteral(`${from.startsWith('.') ? from : `./${from}`}?document=${exported}`),
          ),
        );
        p.replaceWith(local);
      },
    },
  };
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes `file.br` and `file.gz` next to every text asset of the build, so that the server (and nginx's
 * gzip_static) send the compressed bytes without compressing on each request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  // the server's render bundle (dist-ssr) is read from disk, never sent
  let skip = false;
  return {
    name: 'weimin-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      skip = !!config.build.ssr;
    },
    async closeBundle() {
      if (skip) return;
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) walk(p);
          else if (/\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/.test(e.name)) files.push(p);
        }
      };
      walk(outDir);
      await Promise.all(
        files.map(async (file) => {
          const data = fs.readFileSync(file);
          if (data.length < 512) return;
          const [br, gz] = await Promise.all([
            brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
            gzip(data, { level: 9 }),
          ]);
          fs.writeFileSync(`${file}.br`, br);
          fs.writeFileSync(`${file}.gz`, gz);
        }),
      );
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
    react({
      // each route's chunk carries only its own GraphQL documents
      babel: { plugins: [graphqlDocumentImports] },
      // dependencies and the generated documents hold no graphql() calls (the documents are read once per document)
      exclude: [/\/node_modules\//, /\/src\/gql\//],
    }),
    precompress(),
  ],
  server: {
    proxy: {
      '/graphql': api,
      '/api': api,
    },
  },
  build: {
    // .vite/manifest.json: which chunks each route needs (the size test reads it)
    manifest: true,
    // terser (two passes, ES module scope) packs the entry ~5% tighter than esbuild; the public pages' budget is tight
    minify: process.env.WEB_MINIFY === 'esbuild' ? 'esbuild' : 'terser',
    terserOptions: { module: true, ecma: 2020, compress: { passes: 2, toplevel: true }, mangle: { toplevel: true }, format: { comments: false } },
    // every browser the app supports has <link rel=modulepreload>
    modulePreload: { polyfill: false },
    // No manual vendor chunk: admin-only antd components (Form.List, Upload, Table…) then stay in the lazy admin chunks.
    chunkSizeWarningLimit: 1500,
    ...(isSsrBuild ? { outDir: 'dist-ssr', minify: false, manifest: false, copyPublicDir: false } : {}),
  },
  // The server's render bundle (`vite build --ssr src/entry-server.tsx`) carries its dependencies: the server's
  // install and the docker image need no React of their own.
  ssr: { noExternal: true },
  define: isSsrBuild ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
}));
