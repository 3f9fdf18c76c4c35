import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth.js';
import { resolvers } from './resolvers/index.js';

export async function buildGraphqlSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers, authChecker, validate: false });
  // type-graphql has no option for the descriptions of the root types
  for (const [type, description] of [
    [schema.getQueryType(), 'Reads: persons, RFM figures, segments and audiences, steward views.'],
    [
      schema.getMutationType(),
      'Writes: identity resolution, links and mappings, audience packages.',
    ],
  ] as const)
    if (type) type.description = description;
  return schema;
}

/** The SDL as committed in schema/schema.graphql: sorted, so that diffs are stable. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
