// The scaling engine's public surface: pure, synchronous, deterministic; no vscode, no I/O.
export { analyze } from './analyze';
export { sweepWidth, withSize, logGrid } from './sweep';
export { regimeMap } from './regime';
export { toReportJson, formatReport, formatScaling, type ReportJson, type CandidateJson } from './report';
export { bruteForceCandidates } from './bruteforce';
export * from './types';
