"""A local stand-in for Qdrant's REST API, for tests and machines without Docker or a Qdrant binary.

Each collection is a shard of Qdrant's own embedded engine, qdrant-edge (the `qdrant-edge-py`
package): vectors, payload indexes, filtering, search, retrieval and counting all run in that engine.
What Qdrant Edge leaves to the server is done here: the set of named collections and their config.
Answered, with Qdrant's JSON shapes (`{"result", "status": "ok", "time"}`; errors as
`{"status": {"error"}, "time"}` with 400, 404 or 409):

    GET    /                                        title and version, bare (the JS client's version check)
    GET    /collections/{name}/exists
    GET    /collections/{name}                      status, points_count, config.params, payload_schema
    PUT    /collections/{name}                      {"vectors": {"size", "distance", "on_disk"}, "hnsw_config",
                                                     "optimizers_config", "quantization_config"} (one unnamed vector)
    DELETE /collections/{name}
    PUT    /collections/{name}/index                {"field_name", "field_schema"}
    PUT    /collections/{name}/points               {"points": [{"id", "vector", "payload"}]} (always waits)
    POST   /collections/{name}/points               retrieve {"ids", "with_payload", "with_vector"}
    POST   /collections/{name}/points/query         {"query": vector | {"nearest": vector}, "filter", "limit", "offset",
                                                     "params": {"hnsw_ef", "exact", "quantization"}, ...}
    POST   /collections/{name}/points/count         {"filter", "exact"}

Filters: must / should / must_not of {"key", "match": {"value" | "any" | "except"}}, {"key", "range"},
{"has_id": [...]} and nested filters. Anything else is refused with 400 rather than ignored.

Indexing: like Qdrant's optimizer, the stand-in builds a collection's HNSW graph (and its quantized
vectors) after writes, here once they pause for half a second; the collection is "yellow" until then.
Below the settings' indexing threshold the engine keeps scanning, as Qdrant does.

Boolean payload values: qdrant-edge's Python binding reads a Python bool as an integer, so a match on
`true` would never find a stored `true`. Each boolean field is therefore mirrored as 0/1 under a hidden
key that matches on booleans (and a `bool` payload index) use; answers never show the mirror.

    python -m standins.qdrant_server --port 0 [--storage DIR]

Prints `LISTENING <port>` once it accepts connections, one JSON line per request on stderr, and
stops cleanly on SIGTERM. Without --storage the collections live in a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import qdrant_edge as edge

from .http_json import ApiError, JsonRequestHandler, serve_until_sigterm

VERSION = "1.19.0"  # the REST API whose shapes are answered; the JS client checks major.minor
NAME = re.compile(r"^[A-Za-z0-9_.\-]{1,255}$")
ROUTE = re.compile(r"^/collections/(?P<name>[^/]+)(?P<action>/exists|/index|/points|/points/query|/points/count)?$")
DISTANCES = {
    "Cosine": edge.Distance.Cosine,
    "Euclid": edge.Distance.Euclid,
    "Dot": edge.Distance.Dot,
    "Manhattan": edge.Distance.Manhattan,
}
SCHEMAS = {
    name: getattr(edge.PayloadSchemaType, name.capitalize())
    for name in ("keyword", "integer", "float", "bool", "text", "datetime", "uuid")
}
SCHEMA_NAMES = {value: key for key, value in SCHEMAS.items()}
CONFIG_FILE = "collection.json"
INDEX_AFTER_IDLE_SECONDS = 0.5
BOOL_MIRROR = "__bool__"


def with_bool_mirrors(payload: dict | None) -> dict | None:
    if not payload:
        return payload
    return {**payload, **{BOOL_MIRROR + key: int(value) for key, value in payload.items() if type(value) is bool}}


def without_bool_mirrors(payload: dict | None) -> dict:
    return {key: value for key, value in (payload or {}).items() if not key.startswith(BOOL_MIRROR)}


def wrong_input(message: str) -> ApiError:
    return ApiError(400, f"Wrong input: {message}")


def point_id(value):
    if (type(value) is int and value >= 0) or type(value) is str:
        return value
    raise wrong_input(f"point id {json.dumps(value)} is neither an unsigned integer nor a UUID")


def match(spec: dict):
    if not isinstance(spec, dict) or len(spec) != 1:
        raise wrong_input(f"match {json.dumps(spec)} must have exactly one of value, any, except")
    kind, value = next(iter(spec.items()))
    makers = {"value": edge.MatchValue, "any": edge.MatchAny, "except": edge.MatchExcept}
    if kind not in makers:
        raise wrong_input(f"match kind {kind!r} is not supported by the stand-in")
    return makers[kind](value)


def condition(spec):
    if not isinstance(spec, dict):
        raise wrong_input(f"condition {json.dumps(spec)} is not an object")
    if set(spec) == {"has_id"}:
        return edge.HasIdCondition({point_id(i) for i in spec["has_id"]})
    if set(spec) & {"must", "should", "must_not"}:
        return parse_filter(spec)
    if set(spec) == {"key", "match"}:
        value = spec["match"].get("value") if isinstance(spec["match"], dict) else None
        if type(value) is bool:
            return edge.FieldCondition(BOOL_MIRROR + str(spec["key"]), match=edge.MatchValue(int(value)))
        return edge.FieldCondition(spec["key"], match=match(spec["match"]))
    if set(spec) == {"key", "range"}:
        return edge.FieldCondition(spec["key"], range=edge.RangeFloat(**spec["range"]))
    raise wrong_input(f"condition {json.dumps(spec)} is not supported by the stand-in")


def parse_filter(spec) -> edge.Filter | None:
    if spec is None:
        return None
    if not isinstance(spec, dict) or set(spec) - {"must", "should", "must_not"}:
        raise wrong_input(f"filter {json.dumps(spec)} must only have must, should, must_not")
    clauses = {}
    for clause, conditions in spec.items():
        if conditions is not None:
            clauses[clause] = [condition(c) for c in (conditions if isinstance(conditions, list) else [conditions])]
    return edge.Filter(**clauses)


def vector_of(value, size: int) -> list[float]:
    if not isinstance(value, list) or not all(type(x) in (int, float) for x in value):
        raise wrong_input("the stand-in supports one unnamed dense vector per point (a list of numbers)")
    if len(value) != size:
        raise wrong_input(f"Vector dimension error: expected dim: {size}, got {len(value)}")
    return [float(x) for x in value]


def flag(body: dict, key: str, default: bool) -> bool:
    value = body.get(key, default)
    if type(value) is not bool:
        raise wrong_input(f"{key} must be true or false (payload and vector selectors are not supported)")
    return value


def whole(body: dict, key: str, default: int) -> int:
    value = body.get(key, default)
    if type(value) is not int or value < 0:
        raise wrong_input(f"{key} must be a whole number ≥ 0")
    return value


# Qdrant's own defaults; full_scan_threshold and indexing_threshold are in kilobytes of vectors.
HNSW_DEFAULTS = {"m": 16, "ef_construct": 100, "full_scan_threshold": 10000, "on_disk": False, "payload_m": None}
OPTIMIZER_DEFAULTS = {"indexing_threshold": 10000}
COLLECTION_KEYS = {"vectors", "hnsw_config", "optimizers_config", "quantization_config"}


def settings(body: dict, key: str, defaults: dict) -> dict:
    """One section of a collection's settings, Qdrant's defaults filled in; refuses unknown fields."""
    given = body.get(key) or {}
    if not isinstance(given, dict) or set(given) - set(defaults):
        raise wrong_input(f"{key} takes only {sorted(defaults)}")
    merged = {**defaults, **{name: value for name, value in given.items() if value is not None}}
    for name, value in merged.items():
        wanted = bool if type(defaults[name]) is bool else int
        if value is not None and (type(value) is not wanted or (wanted is int and value < 0)):
            raise wrong_input(f"{key}.{name} must be {'true or false' if wanted is bool else 'a whole number ≥ 0'}")
    return merged


def quantization(spec) -> dict | None:
    if spec is None:
        return None
    scalar = spec.get("scalar") if isinstance(spec, dict) and set(spec) == {"scalar"} else None
    if not isinstance(scalar, dict) or scalar.get("type") != "int8" or set(scalar) - {"type", "quantile", "always_ram"}:
        raise wrong_input(
            'quantization_config: the stand-in supports {"scalar": {"type": "int8", "quantile", "always_ram"}}'
        )
    quantile, always_ram = scalar.get("quantile"), scalar.get("always_ram")
    if quantile is not None and (type(quantile) not in (int, float) or not 0.5 <= quantile <= 1):
        raise wrong_input("quantization_config.scalar.quantile must be between 0.5 and 1")
    if always_ram is not None and type(always_ram) is not bool:
        raise wrong_input("quantization_config.scalar.always_ram must be true or false")
    return {"scalar": dict(scalar)}


def collection_config(body) -> dict:
    """A create-collection body as Qdrant reads it: one unnamed vector, HNSW, optimizer and quantization settings."""
    vectors = body.get("vectors") if isinstance(body, dict) else None
    if not isinstance(vectors, dict) or set(vectors) - {"size", "distance", "on_disk"} or set(body) - COLLECTION_KEYS:
        raise wrong_input(
            'the stand-in supports one unnamed vector, {"vectors": {"size": n, "distance": "Dot", "on_disk"}}, '
            f"and only {sorted(COLLECTION_KEYS)}"
        )
    size, distance, on_disk = vectors.get("size"), vectors.get("distance"), vectors.get("on_disk", False)
    if type(size) is not int or size < 1 or distance not in DISTANCES or type(on_disk) is not bool:
        raise wrong_input(f"vectors needs a size ≥ 1, a distance among {sorted(DISTANCES)} and on_disk true or false")
    return {
        "vectors": {"size": size, "distance": distance, "on_disk": on_disk},
        "hnsw_config": settings(body, "hnsw_config", HNSW_DEFAULTS),
        "optimizers_config": settings(body, "optimizers_config", OPTIMIZER_DEFAULTS),
        "quantization_config": quantization(body.get("quantization_config")),
    }


def edge_config(config: dict) -> edge.EdgeConfig:
    vectors, scalar = config["vectors"], (config["quantization_config"] or {}).get("scalar")
    return edge.EdgeConfig(
        vectors=edge.EdgeVectorParams(
            size=vectors["size"], distance=DISTANCES[vectors["distance"]], on_disk=vectors["on_disk"]
        ),
        hnsw_config=edge.HnswIndexConfig(**config["hnsw_config"]),
        quantization_config=scalar
        and edge.ScalarQuantizationConfig(
            type=edge.ScalarType.Int8, quantile=scalar.get("quantile"), always_ram=scalar.get("always_ram")
        ),
        optimizers=edge.EdgeOptimizersConfig(**config["optimizers_config"]),
    )


def search_params(spec) -> edge.SearchParams | None:
    if spec is None:
        return None
    if not isinstance(spec, dict) or set(spec) - {"hnsw_ef", "exact", "indexed_only", "quantization"}:
        raise wrong_input("params takes only hnsw_ef, exact, indexed_only and quantization")
    given = spec.get("quantization") or {}
    if not isinstance(given, dict) or set(given) - {"ignore", "rescore", "oversampling"}:
        raise wrong_input("params.quantization takes only ignore, rescore and oversampling")
    oversampling = given.get("oversampling")
    if oversampling is not None and (type(oversampling) not in (int, float) or oversampling < 1):
        raise wrong_input("params.quantization.oversampling must be a number ≥ 1")
    return edge.SearchParams(
        hnsw_ef=whole(spec, "hnsw_ef", 0) or None,
        exact=flag(spec, "exact", False),
        indexed_only=flag(spec, "indexed_only", False),
        quantization=edge.QuantizationSearchParams(
            ignore=flag(given, "ignore", False),
            rescore=given.get("rescore") if given.get("rescore") is None else flag(given, "rescore", True),
            oversampling=None if oversampling is None else float(oversampling),
        ),
    )


def record(point, with_payload: bool, with_vector: bool, score: bool = False) -> dict:
    answer = {"id": point.id}
    if score:
        answer.update(version=point.version, score=point.score)
    if with_payload:
        answer["payload"] = without_bool_mirrors(point.payload)
    if with_vector:
        answer["vector"] = point.vector
    return answer


class Collection:
    """One collection: a qdrant-edge shard plus the vector params it was created with."""

    def __init__(self, folder: Path, config: dict, shard: edge.EdgeShard):
        self.folder, self.config, self.shard = folder, config, shard
        self.size = config["vectors"]["size"]
        # When the last write came since the engine last indexed (None: nothing left to index).
        self.written_at: float | None = None

    @classmethod
    def create(cls, folder: Path, body) -> Collection:
        config = collection_config(body)
        (folder / CONFIG_FILE).write_text(json.dumps(config))
        return cls(folder, config, edge.EdgeShard.create(str(folder / "shard"), edge_config(config)))

    @classmethod
    def load(cls, folder: Path) -> Collection:
        config = json.loads((folder / CONFIG_FILE).read_text())
        return cls(folder, config, edge.EdgeShard.load(str(folder / "shard")))

    def info(self) -> dict:
        shard = self.shard.info()
        schema = {
            key.removeprefix(BOOL_MIRROR): {
                "data_type": "bool" if key.startswith(BOOL_MIRROR) else SCHEMA_NAMES.get(index.data_type, "unknown"),
                "points": index.points,
            }
            for key, index in shard.payload_schema.items()
        }
        return {
            "status": "green" if self.written_at is None else "yellow",
            "optimizer_status": "ok",
            "points_count": shard.points_count,
            "indexed_vectors_count": shard.indexed_vectors_count,
            "segments_count": shard.segments_count,
            "config": {
                "params": {
                    "vectors": self.config["vectors"],
                    "shard_number": 1,
                    "replication_factor": 1,
                    "write_consistency_factor": 1,
                },
                "hnsw_config": self.config["hnsw_config"],
                "optimizer_config": self.config["optimizers_config"],
                "quantization_config": self.config["quantization_config"],
            },
            "payload_schema": schema,
        }

    def create_index(self, body: dict) -> None:
        schema = body.get("field_schema")
        kind = schema.get("type") if isinstance(schema, dict) else schema
        if not isinstance(body.get("field_name"), str) or kind not in SCHEMAS:
            raise wrong_input(f"field_name must be a string and field_schema one of {sorted(SCHEMAS)}")
        field, schema_type = body["field_name"], SCHEMAS[kind]
        if kind == "bool":
            field, schema_type = BOOL_MIRROR + field, SCHEMAS["integer"]
        self.shard.update(edge.UpdateOperation.create_field_index(field, schema_type))
        self.written_at = time.monotonic()

    def upsert(self, body: dict) -> None:
        if not isinstance(body.get("points"), list):
            raise wrong_input('the stand-in takes {"points": [...]} (not the batch form)')
        points = []
        for p in body["points"]:
            payload = p.get("payload") if isinstance(p, dict) else None
            if not isinstance(p, dict) or (payload is not None and not isinstance(payload, dict)):
                raise wrong_input("each point needs an id, a vector and an optional payload object")
            points.append(
                edge.Point(point_id(p.get("id")), vector_of(p.get("vector"), self.size), with_bool_mirrors(payload))
            )
        self.shard.update(edge.UpdateOperation.upsert_points(points))
        self.written_at = time.monotonic()

    def index_if_idle(self, idle_seconds: float) -> None:
        """Builds the HNSW graph of what was written, once writes have paused, as Qdrant's optimizer does."""
        if self.written_at is None or time.monotonic() - self.written_at < idle_seconds:
            return
        started = time.perf_counter()
        self.shard.optimize()
        self.written_at = None
        info = self.shard.info()
        entry = {
            "indexed": self.folder.name,
            "points": info.points_count,
            "indexed_vectors": info.indexed_vectors_count,
        }
        print(json.dumps({**entry, "ms": round((time.perf_counter() - started) * 1000)}), file=sys.stderr, flush=True)

    def query(self, body: dict) -> dict:
        unsupported = set(body) - {
            "query",
            "filter",
            "limit",
            "offset",
            "with_payload",
            "with_vector",
            "score_threshold",
            "params",
        }
        if unsupported:
            raise wrong_input(f"the stand-in does not support {sorted(unsupported)} in a query")
        vector = body.get("query")
        vector = vector.get("nearest") if isinstance(vector, dict) and set(vector) == {"nearest"} else vector
        with_payload, with_vector = flag(body, "with_payload", False), flag(body, "with_vector", False)
        request = edge.QueryRequest(
            limit=whole(body, "limit", 10),
            offset=whole(body, "offset", 0),
            query=edge.Query.Nearest(vector_of(vector, self.size)),
            filter=parse_filter(body.get("filter")),
            score_threshold=body.get("score_threshold"),
            with_payload=with_payload,
            with_vector=with_vector,
            params=search_params(body.get("params")),
        )
        return {"points": [record(p, with_payload, with_vector, score=True) for p in self.shard.query(request)]}

    def retrieve(self, body: dict) -> list[dict]:
        if not isinstance(body.get("ids"), list):
            raise wrong_input('retrieve takes {"ids": [...]}')
        with_payload, with_vector = flag(body, "with_payload", True), flag(body, "with_vector", False)
        points = self.shard.retrieve(
            [point_id(i) for i in body["ids"]], with_payload=with_payload, with_vector=with_vector
        )
        return [record(p, with_payload, with_vector) for p in points]

    def count(self, body: dict) -> dict:
        return {"count": self.shard.count(edge.CountRequest(exact=True, filter=parse_filter(body.get("filter"))))}


class Collections:
    """The named collections under one storage folder, one sub-folder each; one lock serializes
    every operation (qdrant-edge shards are used from the server's request threads). A background
    thread indexes a collection once its writes pause for `index_after_seconds`; requests wait while
    it does (Qdrant itself keeps answering, from the segments not yet indexed)."""

    def __init__(self, storage: Path, index_after_seconds: float = INDEX_AFTER_IDLE_SECONDS):
        self.storage = storage
        self.lock = threading.Lock()
        self.operations = 0
        self.by_name = {p.name: Collection.load(p) for p in sorted(storage.iterdir()) if (p / CONFIG_FILE).exists()}
        self.index_after_seconds = index_after_seconds
        self.stopping = threading.Event()
        self.indexer = threading.Thread(target=self.index_when_idle, name="indexer", daemon=True)
        self.indexer.start()

    def index_when_idle(self) -> None:
        while not self.stopping.wait(self.index_after_seconds / 5):
            with self.lock:
                for collection in self.by_name.values():
                    collection.index_if_idle(self.index_after_seconds)

    def get(self, name: str) -> Collection:
        if name not in self.by_name:
            raise ApiError(404, f"Not found: Collection `{name}` doesn't exist!")
        return self.by_name[name]

    def updated(self) -> dict:
        self.operations += 1
        return {"operation_id": self.operations, "status": "completed"}

    def handle(self, method: str, name: str, action: str, body):
        if not NAME.match(name):
            raise wrong_input(f"collection name {name!r} must be 1-255 letters, digits, '_', '-' or '.'")
        if (method, action) == ("GET", "/exists"):
            return {"exists": name in self.by_name}
        if (method, action) == ("PUT", ""):
            if name in self.by_name:
                raise ApiError(409, f"Wrong input: Collection `{name}` already exists!")
            folder = self.storage / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            self.by_name[name] = Collection.create(folder, body)
            return True
        if (method, action) == ("DELETE", ""):
            collection = self.by_name.pop(name, None)
            if collection is not None:
                collection.shard.close()
                shutil.rmtree(collection.folder)
            return collection is not None
        collection = self.get(name)
        if (method, action) == ("GET", ""):
            return collection.info()
        if not isinstance(body, dict):
            raise wrong_input("the request body must be a JSON object")
        operations = {
            ("PUT", "/index"): lambda: collection.create_index(body) or self.updated(),
            ("PUT", "/points"): lambda: collection.upsert(body) or self.updated(),
            ("POST", "/points"): lambda: collection.retrieve(body),
            ("POST", "/points/query"): lambda: collection.query(body),
            ("POST", "/points/count"): lambda: collection.count(body),
        }
        if (method, action) not in operations:
            raise ApiError(404, f"no route for {method} /collections/{name}{action}")
        return operations[(method, action)]()

    def route(self, method: str, path: str, raw: bytes):
        found = ROUTE.match(path)
        if found is None:
            raise ApiError(404, f"no route for {method} {path}")
        try:
            body = json.loads(raw) if raw else None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ApiError(400, f"Json deserialize error: {error}") from error
        with self.lock:
            try:
                return self.handle(method, found["name"], found["action"] or "", body)
            except (ApiError, OSError):
                raise
            except Exception as error:  # noqa: BLE001 - the engine reports bad input as plain exceptions
                raise wrong_input(str(error).splitlines()[0]) from error

    def close(self) -> None:
        self.stopping.set()
        self.indexer.join()
        with self.lock:
            for collection in self.by_name.values():
                collection.shard.close()


class StandinServer(ThreadingHTTPServer):
    def __init__(self, address: tuple[str, int], collections: Collections):
        super().__init__(address, RequestHandler)
        self.collections = collections


class RequestHandler(JsonRequestHandler):
    server: StandinServer

    def answer(self):
        body = self.read_body()
        path = urlsplit(self.path).path
        if (self.command, path) == ("GET", "/"):  # answered bare, as Qdrant does
            status, payload = (
                200,
                {
                    "title": "qdrant - vector search engine",
                    "version": VERSION,
                    "standin": f"qdrant-edge-py {version('qdrant-edge-py')}",
                },
            )
        else:
            try:
                status, payload = (
                    200,
                    {"result": self.server.collections.route(self.command, path, body), "status": "ok"},
                )
            except ApiError as error:  # Qdrant's error shape
                status, payload = error.status, {"status": {"error": error.message}}
            except Exception as error:  # noqa: BLE001 - answered like Qdrant's internal errors
                status, payload = 500, {"status": {"error": f"Service internal error: {type(error).__name__}: {error}"}}
            payload["time"] = time.perf_counter() - self.started
        self.respond(status, payload)

    do_GET = do_PUT = do_POST = do_DELETE = answer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=6333, help="REST port (0: any free port)")
    parser.add_argument("--storage", type=Path, help="folder keeping the collections (default: a temporary one)")
    args = parser.parse_args(argv)
    folder = (
        contextlib.nullcontext(args.storage) if args.storage else tempfile.TemporaryDirectory(prefix="qdrant-standin-")
    )
    with folder as storage:
        Path(storage).mkdir(parents=True, exist_ok=True)
        collections = Collections(Path(storage))
        serve_until_sigterm(StandinServer((args.host, args.port), collections), cleanup=collections.close)


if __name__ == "__main__":
    main()
