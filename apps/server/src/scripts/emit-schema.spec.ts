import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { emittedSchema } from './emit-schema';

describe('schema.graphql', () => {
  it('is what the server code emits (run `npm run schema:emit` after changing the API)', async () => {
    const file = fs.readFileSync(path.resolve(__dirname, '../../../../schema.graphql'), 'utf8');
    expect(file).toBe(await emittedSchema());
  });
});
