import json
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from .qdrant_server import Collections, StandinServer

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
GENRES = ["Action", "Comedy", "Drama", "Horror"]


def serve(storage: Path, **settings):
    server = StandinServer(("127.0.0.1", 0), Collections(storage, **settings))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    return server, thread


def stop(server: StandinServer, thread: threading.Thread) -> None:
    server.shutdown()
    server.server_close()
    server.collections.close()
    thread.join()


@pytest.fixture
def url(tmp_path):
    server, thread = serve(tmp_path)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    stop(server, thread)


def call(url: str, method: str, path: str, body=None) -> tuple[int, dict]:
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def ok(url: str, method: str, path: str, body=None):
    status, answer = call(url, method, path, body)
    assert status == 200, answer
    assert answer["status"] == "ok" and isinstance(answer["time"], float)
    return answer["result"]


def catalog(n=200, dim=16, seed=0):
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    genres = [[g for g in GENRES if rng.random() < 0.4] for _ in range(n)]
    ids = np.arange(1, n + 1) * 2
    return ids, vectors, genres


def fill(url: str, name="movies", dim=16, **kwargs):
    ids, vectors, genres = catalog(dim=dim, **kwargs)
    ok(url, "PUT", f"/collections/{name}", {"vectors": {"size": dim, "distance": "Dot"}})
    points = [
        {"id": int(i), "vector": v.tolist(), "payload": {"movie_id": int(i), "genres": g}}
        for i, v, g in zip(ids, vectors, genres)
    ]
    ok(url, "PUT", f"/collections/{name}/points?wait=true", {"points": points})
    return ids, vectors, genres


def test_root_answers_a_version_the_js_client_accepts(url):
    status, answer = call(url, "GET", "/")
    assert status == 200
    assert answer["title"] == "qdrant - vector search engine"
    assert answer["version"].split(".")[:2] == ["1", "19"]


def test_collection_lifecycle(url):
    assert ok(url, "GET", "/collections/movies/exists") == {"exists": False}
    assert call(url, "GET", "/collections/movies")[0] == 404
    assert ok(url, "PUT", "/collections/movies", {"vectors": {"size": 8, "distance": "Dot"}}) is True
    assert ok(url, "GET", "/collections/movies/exists") == {"exists": True}
    status, answer = call(url, "PUT", "/collections/movies", {"vectors": {"size": 8, "distance": "Dot"}})
    assert status == 409 and "already exists" in answer["status"]["error"]
    info = ok(url, "GET", "/collections/movies")
    assert info["config"]["params"]["vectors"] == {"size": 8, "distance": "Dot", "on_disk": False}
    assert info["config"]["hnsw_config"] == {
        "m": 16,
        "ef_construct": 100,
        "full_scan_threshold": 10000,
        "on_disk": False,
        "payload_m": None,
    }
    assert info["config"]["quantization_config"] is None
    assert info["points_count"] == 0 and info["status"] == "green"
    assert ok(url, "DELETE", "/collections/movies") is True
    status, answer = call(url, "GET", "/collections/movies")
    assert status == 404 and answer["status"]["error"] == "Not found: Collection `movies` doesn't exist!"


@pytest.mark.parametrize(
    "body",
    [
        {"vectors": {"size": 0, "distance": "Dot"}},
        {"vectors": {"size": 8, "distance": "Angular"}},
        {"vectors": {"text": {"size": 8, "distance": "Dot"}}},
        {},
        {"vectors": {"size": 8, "distance": "Dot"}, "shard_number": 2},
        {"vectors": {"size": 8, "distance": "Dot"}, "hnsw_config": {"m": -1}},
        {"vectors": {"size": 8, "distance": "Dot"}, "hnsw_config": {"ef": 64}},
        {"vectors": {"size": 8, "distance": "Dot"}, "quantization_config": {"product": {"compression": "x16"}}},
        {"vectors": {"size": 8, "distance": "Dot"}, "quantization_config": {"scalar": {"type": "int8", "quantile": 2}}},
    ],
)
def test_refuses_collections_it_cannot_hold(url, body):
    status, answer = call(url, "PUT", "/collections/movies", body)
    assert status == 400 and answer["status"]["error"].startswith("Wrong input")


def test_query_ranks_like_numpy_with_filters_and_offset(url):
    ids, vectors, genres = fill(url)
    query = vectors[5] * 0.5 + vectors[9] * 0.5
    excluded = {int(ids[0]), int(ids[3]), int(ids[5])}
    body = {
        "query": query.tolist(),
        "filter": {
            "must": [{"key": "genres", "match": {"any": ["Comedy", "Horror"]}}],
            "must_not": [{"has_id": sorted(excluded)}],
        },
        "limit": 7,
        "offset": 2,
        "with_payload": False,
    }
    points = ok(url, "POST", "/collections/movies/points/query", body)["points"]
    keep = [k for k in range(len(ids)) if int(ids[k]) not in excluded and {"Comedy", "Horror"} & set(genres[k])]
    scores = vectors[keep] @ query
    order = np.argsort(-scores)[2:9]
    assert [p["id"] for p in points] == [int(ids[keep[k]]) for k in order]
    np.testing.assert_allclose([p["score"] for p in points], scores[order], atol=1e-5)
    assert all("payload" not in p and "vector" not in p for p in points)


def test_query_accepts_the_nearest_form_and_returns_payloads(url):
    ids, vectors, genres = fill(url)
    body = {"query": {"nearest": vectors[10].tolist()}, "limit": 1, "with_payload": True}
    (best,) = ok(url, "POST", "/collections/movies/points/query", body)["points"]
    assert best["id"] == int(ids[10]) and best["payload"] == {"movie_id": int(ids[10]), "genres": genres[10]}


def test_retrieve_returns_vectors_of_known_ids(url):
    ids, vectors, _ = fill(url)
    records = ok(
        url,
        "POST",
        "/collections/movies/points",
        {"ids": [int(ids[1]), 99_999], "with_payload": False, "with_vector": True},
    )
    assert [r["id"] for r in records] == [int(ids[1])]
    np.testing.assert_array_equal(np.array(records[0]["vector"], dtype=np.float32), vectors[1])
    assert "payload" not in records[0]


def test_upsert_replaces_points_by_id_and_count_is_exact(url):
    ids, _, genres = fill(url)
    assert ok(url, "POST", "/collections/movies/points/count", {"exact": True}) == {"count": len(ids)}
    replacement = {"id": int(ids[0]), "vector": [1.0] + [0.0] * 15, "payload": {"genres": ["Western"]}}
    assert ok(url, "PUT", "/collections/movies/points?wait=true", {"points": [replacement]})["status"] == "completed"
    assert ok(url, "POST", "/collections/movies/points/count", {"exact": True}) == {"count": len(ids)}
    western = {"exact": True, "filter": {"must": [{"key": "genres", "match": {"value": "Western"}}]}}
    assert ok(url, "POST", "/collections/movies/points/count", western) == {"count": 1}
    drama = sum("Drama" in g for g in genres[1:])
    assert ok(
        url,
        "POST",
        "/collections/movies/points/count",
        {"filter": {"must": {"key": "genres", "match": {"any": ["Drama"]}}}},
    ) == {"count": drama}


def test_payload_indexes_show_in_the_schema(url):
    _, _, genres = fill(url)
    for field, schema in [("genres", "keyword"), ("movie_id", {"type": "integer", "lookup": True})]:
        ok(url, "PUT", "/collections/movies/index?wait=true", {"field_name": field, "field_schema": schema})
    schema = ok(url, "GET", "/collections/movies")["payload_schema"]
    assert {key: value["data_type"] for key, value in schema.items()} == {"genres": "keyword", "movie_id": "integer"}
    assert schema["genres"]["points"] == sum(1 for g in genres if g)  # points having a value


def test_matches_booleans_with_or_without_an_index_and_gives_them_back_as_booleans(url):
    ok(url, "PUT", "/collections/movies", {"vectors": {"size": 2, "distance": "Dot"}})
    points = [{"id": i, "vector": [1.0, i / 10], "payload": {"recommendable": i % 3 != 0}} for i in range(1, 10)]
    ok(url, "PUT", "/collections/movies/points?wait=true", {"points": points})
    for indexed in (False, True):
        if indexed:
            ok(
                url,
                "PUT",
                "/collections/movies/index?wait=true",
                {"field_name": "recommendable", "field_schema": "bool"},
            )
        for value in (True, False):
            found = {"filter": {"must": [{"key": "recommendable", "match": {"value": value}}]}, "exact": True}
            assert ok(url, "POST", "/collections/movies/points/count", found) == {
                "count": sum((i % 3 != 0) == value for i in range(1, 10))
            }
    (record,) = ok(url, "POST", "/collections/movies/points", {"ids": [3], "with_payload": True})
    assert record["payload"] == {"recommendable": False}
    assert ok(url, "GET", "/collections/movies")["payload_schema"]["recommendable"]["data_type"] == "bool"


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("/points/query", {"query": [0.0] * 15, "limit": 3}, "Vector dimension error: expected dim: 16, got 15"),
        (
            "/points/query",
            {"query": [0.0] * 16, "filter": {"must": [{"key": "genres", "geo_radius": {}}]}},
            "not supported by the stand-in",
        ),
        ("/points/query", {"query": [0.0] * 16, "prefetch": []}, "does not support ['prefetch']"),
        ("/points/query", {"query": [0.0] * 16, "limit": -1}, "limit must be"),
        ("/points/query", {"query": [0.0] * 16, "params": {"hnsw_ef": "wide"}}, "hnsw_ef must be"),
        ("/points/query", {"query": [0.0] * 16, "params": {"acorn": {}}}, "params takes only"),
        (
            "/points/query",
            {"query": [0.0] * 16, "params": {"quantization": {"oversampling": 0.5}}},
            "oversampling must be",
        ),
        ("/points", {"ids": [-4]}, "neither an unsigned integer"),
        ("/index", {"field_name": "genres", "field_schema": "geo_shape"}, "field_schema one of"),
    ],
)
def test_refuses_bad_requests_with_qdrant_errors(url, path, body, message):
    fill(url)
    status, answer = call(url, "PUT" if path == "/index" else "POST", f"/collections/movies{path}", body)
    assert status == 400
    assert message in answer["status"]["error"]


def test_unknown_routes_and_bad_json(url):
    assert call(url, "GET", "/cluster")[0] == 404
    assert call(url, "POST", "/collections/movies/points/scroll", {})[0] == 404
    status, answer = call(url, "POST", "/collections/movies/points/count", b"{not json")
    assert status == 400 and "Json deserialize error" in answer["status"]["error"]


SETTINGS = {
    "vectors": {"size": 16, "distance": "Dot"},
    "hnsw_config": {"m": 8, "ef_construct": 32, "full_scan_threshold": 1},
    "optimizers_config": {"indexing_threshold": 1},
    "quantization_config": {"scalar": {"type": "int8", "quantile": 0.99, "always_ram": True}},
}


def wait_until_green(url: str, name="movies", seconds=30.0) -> dict:
    deadline = time.monotonic() + seconds
    while (info := ok(url, "GET", f"/collections/{name}"))["status"] != "green":
        assert time.monotonic() < deadline, info
        time.sleep(0.05)
    return info


def test_keeps_the_collection_settings_and_indexes_once_writes_pause(tmp_path):
    # Long enough a pause that the first look surely comes before the indexing.
    server, thread = serve(tmp_path, index_after_seconds=3.0)
    try:
        check_settings_and_indexing(f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        stop(server, thread)


def check_settings_and_indexing(url: str) -> None:
    ok(url, "PUT", "/collections/movies", SETTINGS)
    ids, vectors, _ = catalog(n=2000)
    points = [{"id": int(i), "vector": v.tolist()} for i, v in zip(ids, vectors)]
    ok(url, "PUT", "/collections/movies/points?wait=true", {"points": points})
    assert ok(url, "GET", "/collections/movies")["status"] == "yellow"
    info = wait_until_green(url)
    assert info["indexed_vectors_count"] == len(ids)
    assert info["config"]["hnsw_config"] == {**SETTINGS["hnsw_config"], "on_disk": False, "payload_m": None}
    assert info["config"]["optimizer_config"] == SETTINGS["optimizers_config"]
    assert info["config"]["quantization_config"] == SETTINGS["quantization_config"]
    query = (vectors[3] + vectors[700]) / 2
    truth = [int(ids[k]) for k in np.argsort(-(vectors @ query))[:10]]
    body = {"query": query.tolist(), "limit": 10}
    approximate = ok(url, "POST", "/collections/movies/points/query", body)["points"]
    wide = {**body, "params": {"hnsw_ef": 256, "quantization": {"rescore": True, "oversampling": 2.0}}}
    rescored = ok(url, "POST", "/collections/movies/points/query", wide)["points"]
    exact = ok(url, "POST", "/collections/movies/points/query", {**body, "params": {"exact": True}})["points"]
    assert [p["id"] for p in exact] == truth
    assert len({p["id"] for p in rescored} & set(truth)) >= 8  # a graph search: approximate by design
    assert len(approximate) == 10


def test_settings_survive_a_restart(tmp_path):
    server, thread = serve(tmp_path)
    try:
        ok(f"http://127.0.0.1:{server.server_address[1]}", "PUT", "/collections/movies", SETTINGS)
    finally:
        stop(server, thread)
    server, thread = serve(tmp_path)
    try:
        info = ok(f"http://127.0.0.1:{server.server_address[1]}", "GET", "/collections/movies")
        assert info["config"]["quantization_config"] == SETTINGS["quantization_config"]
        assert info["config"]["hnsw_config"]["m"] == 8
    finally:
        stop(server, thread)


def test_collections_persist_in_the_storage_folder(tmp_path):
    server, thread = serve(tmp_path)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    ids, _, _ = fill(url)
    stop(server, thread)
    server, thread = serve(tmp_path)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert ok(url, "POST", "/collections/movies/points/count", {"exact": True}) == {"count": len(ids)}
    finally:
        stop(server, thread)


def test_prints_listening_logs_requests_and_stops_on_sigterm(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "standins.qdrant_server", "--port", "0", "--storage", str(tmp_path)],
        cwd=PACKAGE_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("LISTENING ")
        assert ok(f"http://127.0.0.1:{int(line.split()[1])}", "GET", "/collections/movies/exists") == {"exists": False}
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0
    logged = json.loads(stderr.strip().splitlines()[-1])
    assert logged["method"] == "GET" and logged["path"] == "/collections/movies/exists" and logged["status"] == 200
