import type { ReadStream } from 'node:fs';

/**
 * How far readers got into their input: the bytes read so far from the file streams they
 * opened (compressed bytes for a gzipped file), for progress and its ETA. A reader opens its
 * file with `meter.watch(createReadStream(...))` when given a meter.
 */
export class ReadMeter {
  private readonly streams: ReadStream[] = [];

  watch(stream: ReadStream): ReadStream {
    this.streams.push(stream);
    return stream;
  }

  get bytesRead(): number {
    return this.streams.reduce((sum, s) => sum + s.bytesRead, 0);
  }
}
