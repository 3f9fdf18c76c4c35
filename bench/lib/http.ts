/** Small HTTP clients for the benches (Node's fetch: undici, keep-alive). */

/** POSTs JSON with an API key; returns the parsed body, throws on a non-2xx status. */
export async function postJson(url: string, apiKey: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

/** Runs a GraphQL operation; throws when the answer has errors or no data. */
export async function graphql<T = Record<string, unknown>>(
  baseUrl: string,
  apiKey: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const body = (await postJson(
    `${baseUrl}/graphql`,
    apiKey,
    variables === undefined ? { query } : { query, variables },
  )) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length)
    throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  if (body.data === undefined || body.data === null) throw new Error('GraphQL: no data');
  return body.data;
}
