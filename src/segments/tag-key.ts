/**
 * The lookup key of a tag name: Unicode-normalized (NFKC), without whitespace, underscores or
 * hyphens, lower-cased. `AtRisk`, `"At Risk"`, `at_risk` and `AT-RISK` all have the key
 * `atrisk`; `channel_app` has the key `channelapp`. Compare keys on both sides (the stored tag
 * names and the names written in an expression), never a key against a raw name.
 */
export function tagKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
}
