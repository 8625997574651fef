/**
 * The Qdrant stand-in (tf-serving/standins/qdrant_server.py, on Qdrant's embedded engine) started
 * with temporary storage on a free port: a Qdrant where none runs, for tests and `bench vector-index`.
 */
import { type PythonServer, startPythonServer } from '../python-process/index.js';

export function startQdrantStandin(): Promise<PythonServer> {
  return startPythonServer('standins.qdrant_server', ['--port', '0']);
}
