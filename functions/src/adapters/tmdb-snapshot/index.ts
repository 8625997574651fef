export { loadTmdbSnapshot, findSnapshotFiles, type LoadTmdbSnapshotOptions } from './load.js';
export { normalizeTitle } from './title-match.js';
export { parsePythonLiteral, PyLiteralError, type PyLiteral } from './python-literal.js';
export { SNAPSHOT_FILE_NAMES, type SnapshotFileInfo, type SnapshotFileKind, type TmdbSnapshot } from './types.js';
