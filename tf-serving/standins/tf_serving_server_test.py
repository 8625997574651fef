import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from movierec_model.data import load_snapshot
from movierec_model.export import export_run
from movierec_model.testing import synthetic_snapshot
from movierec_model.train import TwoTowerConfig, train_two_tower

from .tf_serving_server import StandinServer, load_servable, models_from_config, parse_text_proto

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    """A tiny trained model exported as for TF Serving (user_tower and content_tower)."""
    snapshot = load_snapshot(
        synthetic_snapshot(tmp_path_factory.mktemp("snapshot"), n_users=30, n_movies=20, per_user=10)
    )
    text = np.random.default_rng(0).normal(size=(len(snapshot.catalog), 384)).astype(np.float32)
    config = TwoTowerConfig(item_dim=8, hidden=(16,), history_length=6, epochs=1, batch_size=64)
    return export_run(
        train_two_tower(snapshot.ratings, snapshot.catalog, text, config),
        snapshot.catalog,
        tmp_path_factory.mktemp("export"),
        1,
    )


@pytest.fixture(scope="module")
def url(export):
    models = models_from_config(export / "models" / "models.config", export / "models")
    server = StandinServer(("127.0.0.1", 0), {name: load_servable(name, path) for name, path in models.items()})
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def call(url: str, path: str, body: bytes | dict | None = None) -> tuple[int, dict]:
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url + path, data=data), timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def user_tower(export: Path):
    return tf.saved_model.load(str(export / "models" / "user_tower" / "1")).signatures["serving_default"]


def test_model_status_lists_the_served_version(url):
    available = {
        "model_version_status": [
            {"version": "1", "state": "AVAILABLE", "status": {"error_code": "OK", "error_message": ""}}
        ]
    }
    assert call(url, "/v1/models/user_tower") == (200, available)
    assert call(url, "/v1/models/user_tower/versions/1") == (200, available)
    assert call(url, "/v1/models/user_tower/versions/2") == (
        404,
        {"error": "Could not find version 2 of model user_tower"},
    )
    assert call(url, "/v1/models/nope") == (404, {"error": "Could not find any versions of model nope"})


def test_metadata_has_the_signature_defs(url):
    status, body = call(url, "/v1/models/user_tower/metadata")
    assert status == 200 and body["model_spec"] == {"name": "user_tower", "signature_name": "", "version": "1"}
    signature = body["metadata"]["signature_def"]["signature_def"]["serving_default"]
    ids = signature["inputs"]["history_movie_ids"]
    assert ids["dtype"] == "DT_INT64" and [d["size"] for d in ids["tensor_shape"]["dim"]] == ["-1", "-1"]
    assert signature["inputs"]["history_ratings"]["dtype"] == "DT_FLOAT"
    embedding = signature["outputs"]["embedding"]
    assert embedding["dtype"] == "DT_FLOAT" and [d["size"] for d in embedding["tensor_shape"]["dim"]] == ["-1", "128"]
    assert signature["method_name"] == "tensorflow/serving/predict"


def test_predict_columnar_and_row_formats_give_the_saved_models_output(url, export):
    examples = json.loads((export / "user_tower_examples.json").read_text())
    ids, ratings = [[5, 1, 0, 3], [2, 2, 4, 0]], [[4.5, 3.0, 0.0, 1.0], [5.0, 0.5, 2.0, 0.0]]
    expected = user_tower(export)(history_movie_ids=tf.constant(ids, tf.int64), history_ratings=tf.constant(ratings))[
        "embedding"
    ].numpy()

    status, columnar = call(
        url, "/v1/models/user_tower:predict", {"inputs": {"history_movie_ids": ids, "history_ratings": ratings}}
    )
    assert status == 200 and list(columnar) == ["outputs"]
    np.testing.assert_allclose(columnar["outputs"], expected, atol=1e-6)

    instances = [{"history_movie_ids": i, "history_ratings": r} for i, r in zip(ids, ratings)]
    status, rows = call(
        url, "/v1/models/user_tower/versions/1:predict", {"signature_name": "serving_default", "instances": instances}
    )
    assert status == 200 and rows["predictions"] == columnar["outputs"]

    for example in examples:
        inputs = {"history_movie_ids": [example["history_movie_ids"]], "history_ratings": [example["history_ratings"]]}
        np.testing.assert_allclose(
            call(url, "/v1/models/user_tower:predict", {"inputs": inputs})[1]["outputs"][0],
            example["embedding"],
            atol=1e-6,
        )


def test_predict_takes_strings_for_string_inputs(url):
    text = np.random.default_rng(1).normal(size=(2, 384)).round(4).tolist()
    instances = [
        {"text_embedding": text[0], "genres": ["Drama", ""], "year": 1999, "vote_count": 1200, "vote_average": 7.1},
        {"text_embedding": text[1], "genres": ["Comedy", "Nope"], "year": 0, "vote_count": -1, "vote_average": -1},
    ]
    status, body = call(url, "/v1/models/content_tower:predict", {"instances": instances})
    assert status == 200 and np.asarray(body["predictions"]).shape == (2, 128)
    np.testing.assert_allclose(np.linalg.norm(body["predictions"], axis=1), 1, atol=1e-5)


@pytest.mark.parametrize(
    ("path", "body", "status", "message"),
    [
        ("/v1/models/nope:predict", {"inputs": {}}, 404, "Servable not found for request: Latest(nope)"),
        (
            "/v1/models/user_tower/versions/7:predict",
            {"inputs": {}},
            404,
            "Servable not found for request: Specific(user_tower, 7)",
        ),
        ("/v1/models/user_tower:predict", b'{"inputs": ', 400, "JSON Parse error"),
        (
            "/v1/models/user_tower:predict",
            {"inputs": {"history_movie_ids": [[1]]}},
            400,
            "missing input(s) history_ratings",
        ),
        (
            "/v1/models/user_tower:predict",
            {"inputs": {"history_movie_ids": [[1]], "history_ratings": [[1]], "x": [1]}},
            400,
            "alias not found in signature: x",
        ),
        (
            "/v1/models/user_tower:predict",
            {"inputs": {"history_movie_ids": [["a"]], "history_ratings": [[1]]}},
            400,
            'JSON value "a" is not of expected type int64',
        ),
        (
            "/v1/models/user_tower:predict",
            {"inputs": {"history_movie_ids": [[1.5]], "history_ratings": [[1]]}},
            400,
            "1.5 is not of expected type int64",
        ),
        (
            "/v1/models/user_tower:predict",
            {"inputs": {"history_movie_ids": [[1, 2], [3]], "history_ratings": [[1]]}},
            400,
            "not rectangular",
        ),
        (
            "/v1/models/user_tower:predict",
            {"inputs": {"history_movie_ids": [1], "history_ratings": [1]}},
            400,
            "has shape [1], the signature expects [-1, -1]",
        ),
        ("/v1/models/user_tower:predict", {"instances": []}, 400, "'instances' must be a non-empty JSON list"),
        ("/v1/models/user_tower:predict", {}, 400, "Missing 'inputs' or 'instances' key"),
        ("/v1/models/user_tower:predict", {"inputs": {}, "instances": []}, 400, "only one of 'inputs' or 'instances'"),
        (
            "/v1/models/user_tower:predict",
            {"signature_name": "other", "inputs": {}},
            400,
            'signature name: "other" not found',
        ),
        (
            "/v1/models/user_tower:classify",
            {"examples": []},
            404,
            "Malformed request: POST /v1/models/user_tower:classify",
        ),
    ],
)
def test_errors_are_answered_as_tf_serving_does(url, path, body, status, message):
    got_status, got = call(url, path, body)
    assert got_status == status and list(got) == ["error"] and message in got["error"]


def test_model_config_parsing(tmp_path):
    config = 'model_config_list {\n  config { name: "a" base_path: "/models/a" model_platform: "tensorflow" }  # one\n  config {\n name: "b"\n base_path: "/srv/b" }\n}\n'
    assert parse_text_proto(config)["model_config_list"][0]["config"][1] == {"name": ["b"], "base_path": ["/srv/b"]}
    (tmp_path / "models.config").write_text(config)
    assert models_from_config(tmp_path / "models.config", tmp_path) == {"a": tmp_path / "a", "b": Path("/srv/b")}
    (tmp_path / "models.config").write_text(
        'model_config_list { config { name: "a" base_path: "/a" model_version_policy { latest { num_versions: 2 } } } }'
    )
    with pytest.raises(ValueError, match="unsupported model config field"):
        models_from_config(tmp_path / "models.config", None)
    for broken in ['model_config_list { config { name: "a" }', "model_config_list { config { name: } }", "x: 1;"]:
        with pytest.raises(ValueError):
            parse_text_proto(broken)


def test_the_command_serves_the_export_and_stops_on_sigterm(export):
    command = [
        sys.executable,
        "-m",
        "standins.tf_serving_server",
        "--port",
        "0",
        "--model_config_file",
        str(export / "models" / "models.config"),
        "--models_dir",
        str(export / "models"),
    ]
    process = subprocess.Popen(
        command,
        cwd=PACKAGE_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("LISTENING "), process.stderr.read()
        status, body = call(f"http://127.0.0.1:{line.split()[1]}", "/v1/models/content_tower")
        assert status == 200 and body["model_version_status"][0]["state"] == "AVAILABLE"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        log = [json.loads(entry) for entry in process.stderr.read().splitlines() if entry.startswith("{")]
        assert log[-1]["path"] == "/v1/models/content_tower" and log[-1]["status"] == 200 and log[-1]["method"] == "GET"
    finally:
        process.kill()
        process.wait()


def test_the_command_refuses_a_base_path_without_versions(tmp_path):
    command = [
        sys.executable,
        "-m",
        "standins.tf_serving_server",
        "--port",
        "0",
        "--model_name",
        "m",
        "--model_base_path",
        str(tmp_path),
    ]
    result = subprocess.run(
        command,
        cwd=PACKAGE_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    assert result.returncode == 1 and "model m: no version folder with a saved_model.pb" in result.stderr
