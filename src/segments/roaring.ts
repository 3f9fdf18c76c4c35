/**
 * The one place that imports the native `roaring` package. It is a CommonJS module, so Node's
 * ESM loader exposes only its default export; this file re-exports the class as a value and a
 * type so that the rest of the code can `import { RoaringBitmap32 } from './roaring.js'`.
 */
import roaring from 'roaring';

export const RoaringBitmap32 = roaring.RoaringBitmap32;
export type RoaringBitmap32 = roaring.RoaringBitmap32;
export type ReadonlyRoaringBitmap32 = roaring.ReadonlyRoaringBitmap32;
