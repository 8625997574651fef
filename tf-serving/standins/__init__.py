"""Local stand-ins for TF Serving and Qdrant that the TypeScript tests start (no Docker here)."""
