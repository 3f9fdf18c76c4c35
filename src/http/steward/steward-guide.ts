import type { StewardQuery } from './steward-queries.js';

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A block Neo4j Browser runs: a click puts it in the editor, its ▶ icon runs it at once. */
const runnable = (command: string) =>
  `<pre class="pre-scrollable code runnable">${escapeHtml(command)}</pre>`;

const slide = (title: string, lead: string, body: string) => `<slide class="row-fluid">
  <div class="col-sm-3">
    <h3>${escapeHtml(title)}</h3>
    <p class="lead">${lead}</p>
  </div>
  <div class="col-sm-9">
${body}
  </div>
</slide>`;

const titleOf = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replaceAll('-', ' ');

function querySlide(query: StewardQuery): string {
  const params =
    query.params.length === 0
      ? '<p>No parameters: run it as it is.</p>'
      : `<p>Set its parameters first (edit the value to look at something else):</p>\n${query.params.map(runnable).join('\n')}`;
  return slide(
    titleOf(query.name),
    escapeHtml(query.description),
    `${params}
<p>Then the query (<code>cypher/steward/${escapeHtml(query.name)}.cypher</code>):</p>
${runnable(query.cypher)}`,
  );
}

/**
 * The Neo4j Browser guide for data stewards (`:play <url>`): the model in a few slides, then
 * one slide per file of cypher/steward/ with its `:param` commands and the query as runnable
 * blocks. `styleUrl` is where the Browser fetches the graph style from (`:style <url>`).
 */
export function stewardGuide(queries: readonly StewardQuery[], styleUrl: string): string {
  const slides = [
    slide(
      'OneID Graph for data stewards',
      'Who is who in the identity graph, and how to check and fix it.',
      `<p>Grey blocks are commands: a click puts one in the editor, the ▶ icon beside it runs it.
Start with the style, so identifiers show as <code>type:value</code> and persons by OneID:</p>
${runnable(`:style ${styleUrl}`)}
<p>Use the arrows below to move through the guide; <code>:style reset</code> brings back the
Browser's own style.</p>`,
    ),
    slide(
      'The model',
      'Identifiers link to identifiers; each belongs to one person.',
      `<ul>
<li><b>(:Identifier {key, type, value})</b>: one thing a source knows about someone, such as a
<code>member_id</code>, a hashed mobile or email, a WeChat <code>union_id</code> or
<code>open_id</code>, a device. <code>key</code> is <code>type:value</code> and unique.</li>
<li><b>[:LINKED {confidence, source, active, conflict}]</b>: a source saw two identifiers
together (a CRM row, an app event, the external ID graph). Links of confidence at least the
threshold (<code>ONEID_LINK_THRESHOLD</code>, 0.8 by default) hold persons together; weaker ones are only candidates.</li>
<li><b>[:BELONGS_TO]</b>: every identifier belongs to exactly one person.</li>
<li><b>(:Person {oneId, status})</b>: one real person, a connected group of identifiers over
strong active links. Its <code>oneId</code> is what other systems store.</li>
</ul>`,
    ),
    slide(
      'Stable OneIDs, merges and splits',
      'A OneID, once given out, keeps resolving.',
      `<ul>
<li>When a new link joins two persons they <b>merge</b>: the older person keeps its OneID, the
other is retired with <code>(:Person)-[:MERGED_INTO {at, reason}]-&gt;(:Person)</code>, and its
OneID resolves to the survivor.</li>
<li>Removing a link (the <code>unlinkIdentifiers</code> mutation, steward key) can <b>split</b>
a person: undoing a merge gives each side its OneID back (the merge stays as
<code>WAS_MERGED_INTO</code>, the revival is <code>SPLIT_FROM</code>); a part that never was a
person of its own gets a new OneID, <code>SPLIT_FROM</code> the person it left.</li>
<li>Each person keeps an <b>anchor</b>, its earliest identifier: whichever part holds it keeps
the OneID.</li>
</ul>`,
    ),
    slide(
      'Conflicts and quarantine',
      'What the graph refuses to merge, and why.',
      `<ul>
<li>A person holds at most one <code>member_id</code>, one <code>union_id</code>, one
<code>customer_id</code> and a few devices. A link that would break such a cap is kept as a
<b>conflict</b> (<code>LINKED.conflict</code> holds the reason) and merges nothing: a tablet
shared by two members, say.</li>
<li>An identifier linked to more identifiers than the supernode limit is <b>quarantined</b>
(<code>Identifier.quarantined</code>): its links never merge. A shared test device or a
placeholder value looks like this.</li>
<li>Fix either by unlinking (GraphQL <code>unlinkIdentifiers</code>) or by correcting the
source data. The next slides list them.</li>
</ul>`,
    ),
    ...queries.map(querySlide),
  ];
  return `<article class="guide">
<carousel class="deck container-fluid">
${slides.join('\n')}
</carousel>
</article>
`;
}
