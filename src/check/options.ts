// How a caller steers a run: kept apart from the result types (types.ts), which the webview and
// src/present read and so must name no platform type such as AbortSignal.
import type { CheckProgress } from './types';

export interface CheckOptions {
  signal?: AbortSignal;
  onProgress?: (p: CheckProgress) => void;
}
