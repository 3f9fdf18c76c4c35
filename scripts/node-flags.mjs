// Node flags the service runs with (npm start, the Docker image, and the benches, which host
// the service in their own process or start `oneid serve` with them). A young generation of
// 64 MiB semi-spaces instead of 16: the service streams large batches (exports, ingestion)
// whose short-lived strings otherwise survive into the old generation. Exporting a
// million-person audience spent over 40 % of its busy CPU in the garbage collector with the
// default; this flag halved the export's CPU (6.8-8.8 s to 3.4-3.6 s).
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=64'];
