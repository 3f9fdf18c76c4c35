// Node flags the service runs with (npm start, the Docker image, and the benches, which host
// the service in their own process). A young generation of 64 MiB semi-spaces instead of 16:
// the service streams large batches (exports, ingestion) whose short-lived strings otherwise
// survive into the old generation; exporting a million-person audience spent half its CPU
// in the garbage collector with the default, a sixth with this.
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=64'];
