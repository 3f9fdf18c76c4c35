/**
 * The cost probe of `neo4j-admin database import full` (issue 15, point 2), not a bench of
 * the service: `npm run bench -- import-csv [IDENTIFIERS] [DIR]` writes the synthetic graph of
 * lib/synthetic-identity.ts (identifiers, LINKED, persons, BELONGS_TO, as the bulk path stores
 * them, one person per synthetic person) as import CSVs into DIR (default /tmp/imp). Then, with
 * a stopped (or throwaway) Neo4j home:
 *   NEO4J_HOME=H NEO4J_CONF=H/conf java -cp ".cache/neo4j/5.26.30/lib/*" \
 *     org.neo4j.server.startup.Neo4jAdminCommand database import full --overwrite-destination \
 *     --nodes=DIR/ids.csv --nodes=DIR/persons.csv --relationships=DIR/linked.csv \
 *     --relationships=DIR/belongs.csv --threads=2 neo4j
 * Constraints and indexes are not imported: the schema must be applied after the start.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { syntheticPerson } from './lib/synthetic-identity.js';
const total = Number(process.argv[2] ?? 1_000_000);
const dir = process.argv[3] ?? '/tmp/imp';
mkdirSync(dir, { recursive: true });
const w = (name: string, header: string) => {
  const s = createWriteStream(`${dir}/${name}`);
  s.write(header + '\n');
  return s;
};
const ids = w(
  'ids.csv',
  'key:ID(Identifier),type,value,firstSeen,lastSeen,quarantined:boolean,source,:LABEL',
);
const persons = w(
  'persons.csv',
  'pid:ID(Person){id-type:long},oneId,createdAt,status,anchor,mobileHash,emailHash,:LABEL',
);
const linked = w(
  'linked.csv',
  ':START_ID(Identifier),:END_ID(Identifier),source,confidence:double,firstSeen,lastSeen,active:boolean,createdAt,seq:long,:TYPE',
);
const belongs = w('belongs.csv', ':START_ID(Identifier),:END_ID(Person),since,:TYPE');
let n = 0,
  produced = 0,
  seq = 0;
const now = '2026-12-02T14:00:00';
while (produced < total) {
  const p = syntheticPerson(n);
  const pid = n + 1;
  const keyOf = (r: { type: string; value: string }) => `${r.type}:${r.value}`;
  const mobile = p.identifiers.find((i) => i.type === 'mobile_hash');
  const email = p.identifiers.find((i) => i.type === 'email_hash');
  const day = p.links[0]!.firstSeen;
  for (const i of p.identifiers) {
    ids.write(`${keyOf(i)},${i.type},${i.value},${day},${day},false,bench,Identifier\n`);
    belongs.write(`${keyOf(i)},${pid},${now},BELONGS_TO\n`);
  }
  persons.write(
    `${pid},OID${String(pid).padStart(10, '0')},${now},active,${keyOf(p.identifiers[0]!)},${mobile?.value ?? ''},${email?.value ?? ''},Person\n`,
  );
  for (const l of p.links)
    linked.write(
      `${keyOf(l.a)},${keyOf(l.b)},${l.source},${l.confidence},${l.firstSeen},${l.lastSeen},true,${now},${++seq},LINKED\n`,
    );
  produced += p.identifiers.length;
  n++;
}
await Promise.all([ids, persons, linked, belongs].map((s) => new Promise((r) => s.end(r))));
console.log(JSON.stringify({ persons: n, identifiers: produced, links: seq }));
