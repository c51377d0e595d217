import 'reflect-metadata';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { getSchema } from '../schema';
import { fieldsWithoutAccessRule } from './access';

describe('deny by default', () => {
  it('every query and mutation of the schema carries an access rule', async () => {
    const schema = await getSchema();
    expect(fieldsWithoutAccessRule(schema)).toEqual([]);
    const rules = Object.values(schema.getMutationType()!.getFields()).map((f) => [f.name, f.extensions.access]);
    expect(Object.fromEntries(rules)).toMatchObject({ login: 'public', createServiceItem: 'roles:DIRECTORY_ADMIN,SYSTEM_ADMIN' });
  });

  it('notices a root field without one', () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { open: { type: GraphQLString }, guarded: { type: GraphQLString, extensions: { access: 'public' } } } }),
    });
    expect(fieldsWithoutAccessRule(schema)).toEqual(['Query.open']);
  });
});
