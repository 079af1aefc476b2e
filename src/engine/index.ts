// The scaling engine's public surface: pure, synchronous, deterministic; no vscode, no I/O.
export { analyze } from './analyze';
export { sweepWidth, sweepOf, chartColumns, ChartAbandoned, type ChartColumns, type ColumnCache } from './sweep';
export { withSize, logGrid } from './grid';
export { regimeMap, mapOf } from './regime';
export { toReportJson, formatReport, explainCandidate, type ReportJson, type CandidateJson } from './report';
export { bruteForceCandidates } from './bruteforce';
export * from './types';
