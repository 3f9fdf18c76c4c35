/**
 * Small HTTP clients for the benches, on node:http with keep-alive connections. The load
 * generator shares 2 cores with the service it measures (most benches host the service in
 * their own process), so it must be cheap: Node's fetch (undici, web streams) spent a third of
 * the process's CPU in the resolveId bench, more than the service itself.
 */
import { Agent, request } from 'node:http';

// noDelay: with Nagle's algorithm on, most requests waited out the peer's 40 ms delayed ACK
const agent = new Agent({ keepAlive: true, maxSockets: 256, noDelay: true });

/** POSTs JSON with an API key; returns the parsed body, throws on a non-2xx status. */
export function postJson(url: string, apiKey: string, body: unknown): Promise<unknown> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          'x-api-key': apiKey,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status > 299)
            reject(new Error(`HTTP ${status}: ${text.slice(0, 200)}`));
          else {
            try {
              resolve(JSON.parse(text) as unknown);
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
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

/** GETs a streamed body and counts its lines (newline bytes), without decoding it. */
export function countLines(url: string, apiKey: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { 'x-api-key': apiKey } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`HTTP ${res.statusCode ?? 0} for ${url}`));
        res.resume();
        return;
      }
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on('error', reject);
      res.on('end', () => resolve(lines));
    });
    req.on('error', reject);
    req.end();
  });
}

/** GETs a body as text (no API key: /metrics and the health checks are public). */
export function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode ?? 0} for ${url}`));
        else resolve(text);
      });
    });
    req.on('error', reject);
    req.end();
  });
}
