/** Writes schema.graphql from the code (`npm run schema:emit`), or with --check fails when the file differs. */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { REPO_ROOT } from '../config';
import { getSchema } from '../schema';

export async function emittedSchema(): Promise<string> {
  return `# Generated from the server code by \`npm run schema:emit\`; do not edit.\n\n${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}

async function run(): Promise<void> {
  const file = path.join(REPO_ROOT, 'schema.graphql');
  const text = await emittedSchema();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current !== text) {
      console.error('schema.graphql differs from what the server emits: run `npm run schema:emit` and commit it.');
      process.exit(1);
    }
    console.log('schema.graphql is up to date');
    return;
  }
  fs.writeFileSync(file, text);
  console.log(`wrote ${file}`);
}

if (require.main === module) void run();
