import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the web app, generated from the checked-in contract (offline: no server needed). */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTimeISO: 'string', Date: 'string' },
        defaultScalarType: 'unknown',
        // Apollo Client adds __typename to every object, but not to the root types
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        avoidOptionals: { field: true, inputValue: false },
      },
    },
  },
};

export default config;
