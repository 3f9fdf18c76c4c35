import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';

const require = createRequire(import.meta.url);

/** The folder of an installed package (its exports map hides the UMD builds from resolve). */
function packageDir(name: string): string {
  const entry = require.resolve(name);
  const marker = `${sep}node_modules${sep}${name}${sep}`;
  return join(entry.slice(0, entry.lastIndexOf(marker) + marker.length));
}

/** GraphiQL and React served from node_modules, so the IDE works without a CDN. */
const assets: Record<string, { file: string; type: string }> = {
  '/ide/react.js': {
    file: join(packageDir('react'), 'umd', 'react.production.min.js'),
    type: 'text/javascript',
  },
  '/ide/react-dom.js': {
    file: join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
    type: 'text/javascript',
  },
  '/ide/graphiql.js': {
    file: join(packageDir('graphiql'), 'graphiql.min.js'),
    type: 'text/javascript',
  },
  '/ide/graphiql.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};
const cache = new Map<string, Buffer>();

export function serveIdeAsset(path: string, res: ServerResponse): boolean {
  const asset = assets[path];
  if (!asset) return false;
  let body = cache.get(path);
  if (!body) cache.set(path, (body = readFileSync(asset.file)));
  res.writeHead(200, {
    'content-type': `${asset.type}; charset=utf-8`,
    'cache-control': 'public, max-age=86400',
    'content-length': body.length,
  });
  res.end(body);
  return true;
}

const EXAMPLE = `# Paste an API key into the Headers tab: {"x-api-key": "..."}
{
  person(identifier: { type: "member_id", value: "MBR001" }) {
    oneId
    identifiers { type value source confidence active }
    profile { realName level }
    rfm { recencyDays frequency monetary segment }
  }
}
`;

export function idePage(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>OneID Graph — GraphiQL</title>
<link rel="stylesheet" href="/ide/graphiql.css">
<style>html,body,#ide{height:100%;margin:0}</style>
</head>
<body>
<div id="ide">Loading GraphiQL…</div>
<script src="/ide/react.js"></script>
<script src="/ide/react-dom.js"></script>
<script src="/ide/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
  ReactDOM.createRoot(document.getElementById('ide')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: ${JSON.stringify(EXAMPLE)},
      defaultHeaders: '{"x-api-key": ""}',
      shouldPersistHeaders: true,
    }),
  );
</script>
</body>
</html>
`;
}
