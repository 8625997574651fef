/**
 * The Qdrant stand-in (tf-serving/standins/qdrant_server.py, on Qdrant's embedded engine) as tests
 * start it: a fresh server with temporary storage on a free port.
 */
import { type PythonServer, startPythonServer } from '../../../testing/python.js';

export function startQdrantStandin(): Promise<PythonServer> {
  return startPythonServer('standins.qdrant_server', ['--port', '0']);
}
