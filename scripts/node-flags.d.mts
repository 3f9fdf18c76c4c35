/** Declarations of node-flags.mjs, for the TypeScript benches that start the service. */
export declare const SERVICE_NODE_FLAGS: readonly string[];
