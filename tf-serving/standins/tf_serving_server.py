"""A local stand-in for TensorFlow Serving's REST API, for tests and machines without Docker.

It loads exported SavedModels with TensorFlow and answers the documented endpoints
(https://www.tensorflow.org/tfx/serving/api_rest): model status, metadata and predict (row and
columnar formats), with TF Serving's JSON shapes and `{"error": ...}` bodies. Each model serves its
highest numeric version folder. The gRPC API, labels, classify/regress and hot reloading are not
implemented.

    python -m standins.tf_serving_server --port 0 --model_config_file out/models/models.config \
        --models_dir out/models
    python -m standins.tf_serving_server --port 0 --model_name user_tower \
        --model_base_path out/models/user_tower

Prints `LISTENING <port>` once it accepts connections, one JSON line per request on stderr, and
stops cleanly on SIGTERM.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import sys
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

import numpy as np
import tensorflow as tf
from google.protobuf import json_format
from tensorflow.core.protobuf import saved_model_pb2

from .http_json import ApiError, JsonRequestHandler, serve_until_sigterm

DEFAULT_SIGNATURE = "serving_default"
DOCKER_MODELS_DIR = "/models/"
ROUTE = re.compile(r"^/v1/models/(?P<name>[^/:]+)(?:/versions/(?P<version>\d+))?(?P<action>/metadata|:predict)?$")
TOKEN = re.compile(r'\s+|#[^\n]*|(?P<punct>[{}:])|"(?P<string>(?:[^"\\]|\\.)*)"|(?P<word>[\w.\-]+)|(?P<other>\S)')


@dataclass
class Servable:
    """One model's served version: the loaded SavedModel (kept alive for its variables) and its
    signatures, both callable and as SignatureDef protos for the metadata endpoint."""

    name: str
    version: int
    loaded: object
    signature_defs: dict


def parse_text_proto(text: str) -> dict:
    """The subset of protobuf text format that models.config uses: nested `field { ... }` blocks
    and `field: "string"` or `field: word` values. Every field maps to the list of its values."""
    tokens = [(m.lastgroup, m.group(m.lastgroup)) for m in TOKEN.finditer(text) if m.lastgroup]
    for kind, value in tokens:
        if kind == "other":
            raise ValueError(f"unexpected {value!r} in the model config")
    position = 0

    def take(kind: str | None = None, value: str | None = None) -> tuple[str, str]:
        nonlocal position
        if position >= len(tokens):
            raise ValueError("unexpected end of the model config")
        token = tokens[position]
        if (kind and token[0] != kind) or (value and token[1] != value):
            raise ValueError(f"expected {value or kind}, found {token[1]!r}")
        position += 1
        return token

    def message(closing: str | None) -> dict:
        fields: dict[str, list] = {}
        while tokens[position : position + 1] != [("punct", closing)] and (closing or position < len(tokens)):
            key = take("word")[1]
            if tokens[position : position + 1] == [("punct", ":")]:
                take()
            if tokens[position : position + 1] == [("punct", "{")]:
                take()
                fields.setdefault(key, []).append(message("}"))
                take("punct", "}")
            else:
                kind, value = take()
                if kind == "punct":
                    raise ValueError(f"field {key} has no value")
                fields.setdefault(key, []).append(value)
        return fields

    return message(None)


def models_from_config(path: Path, models_dir: Path | None) -> dict[str, Path]:
    """name → base path from a TF Serving model config file; base paths under /models/ resolve
    inside `models_dir` (the folder the Docker recipe mounts there)."""
    config = parse_text_proto(path.read_text(encoding="utf-8"))
    models = {}
    for entry in config.get("model_config_list", [{}])[0].get("config", []):
        unsupported = set(entry) - {"name", "base_path", "model_platform"}
        if unsupported:
            raise ValueError(f"{path}: unsupported model config field(s) {sorted(unsupported)}")
        if entry.get("model_platform", ["tensorflow"]) != ["tensorflow"]:
            raise ValueError(f'{path}: only model_platform "tensorflow" is served')
        if "name" not in entry or "base_path" not in entry:
            raise ValueError(f"{path}: every model config needs a name and a base_path")
        base = entry["base_path"][0]
        if models_dir is not None and base.startswith(DOCKER_MODELS_DIR):
            base = str(models_dir / base[len(DOCKER_MODELS_DIR) :])
        models[entry["name"][0]] = Path(base)
    if not models:
        raise ValueError(f"{path}: no model config entries")
    return models


def load_servable(name: str, base_path: Path) -> Servable:
    """Loads the highest numeric version folder under base_path, as TF Serving does by default."""
    versions = [int(p.name) for p in base_path.glob("*") if p.name.isdigit() and (p / "saved_model.pb").exists()]
    if not versions:
        raise ValueError(f"model {name}: no version folder with a saved_model.pb under {base_path}")
    folder = base_path / str(max(versions))
    proto = saved_model_pb2.SavedModel.FromString((folder / "saved_model.pb").read_bytes())
    return Servable(name, max(versions), tf.saved_model.load(str(folder)), dict(proto.meta_graphs[0].signature_def))


def _leaf(value, dtype: tf.DType, name: str):
    """One JSON scalar as a value of dtype (TF Serving's JSON mapping; strings may be {"b64": ...})."""
    if dtype == tf.string:
        if isinstance(value, dict) and set(value) == {"b64"}:
            return base64.b64decode(value["b64"])
        if isinstance(value, str):
            return value.encode("utf-8")
    elif dtype.is_bool and type(value) is bool:
        return value
    elif dtype.is_floating and type(value) in (int, float):
        return value
    elif dtype.is_integer and type(value) is int:
        return value
    raise ApiError(400, f"input {name}: JSON value {json.dumps(value)} is not of expected type {dtype.name}")


def to_tensor(value, spec: tf.TensorSpec, name: str) -> np.ndarray:
    """A JSON value (nested lists) as an array of the signature input's dtype and shape."""
    shape = []
    probe = value
    while isinstance(probe, list):
        shape.append(len(probe))
        probe = probe[0] if probe else None

    def walk(node, depth):
        if depth == len(shape):
            return _leaf(node, spec.dtype, name)
        if not isinstance(node, list) or len(node) != shape[depth]:
            raise ApiError(400, f"input {name}: nested lists are not rectangular (expected shape {shape})")
        return [walk(child, depth + 1) for child in node]

    leaves = walk(value, 0)
    if not spec.shape.is_compatible_with(shape):
        expected = (
            [-1 if d is None else d for d in spec.shape.as_list()] if spec.shape.rank is not None else "any shape"
        )
        raise ApiError(400, f"input {name} has shape {shape}, the signature expects {expected}")
    try:
        return np.array(leaves, dtype=object if spec.dtype == tf.string else spec.dtype.as_numpy_dtype).reshape(shape)
    except OverflowError as error:
        raise ApiError(400, f"input {name}: {error}") from error


def _named_inputs(value, specs: dict) -> dict:
    if len(specs) == 1 and not (isinstance(value, dict) and set(value) == set(specs)):
        return {next(iter(specs)): value}  # a single input may be given bare
    if not isinstance(value, dict):
        raise ApiError(400, f"expected an object of named inputs {sorted(specs)}")
    unknown, missing = set(value) - set(specs), set(specs) - set(value)
    if unknown:
        raise ApiError(
            400,
            f"input tensor alias not found in signature: {', '.join(sorted(unknown))}. Inputs expected to be in the set {{{','.join(sorted(specs))}}}.",
        )
    if missing:
        raise ApiError(
            400, f"missing input(s) {', '.join(sorted(missing))}; the signature takes {{{','.join(sorted(specs))}}}"
        )
    return value


def _columns_of_rows(instances, specs: dict) -> dict:
    if not isinstance(instances, list) or not instances:
        raise ApiError(400, "'instances' must be a non-empty JSON list")
    rows = [_named_inputs(instance, specs) for instance in instances]
    return {key: [row[key] for row in rows] for key in specs}


def _json_value(array: np.ndarray):
    if array.dtype == object:
        return np.vectorize(lambda b: b.decode("utf-8", errors="replace"), otypes=[object])(array).tolist()
    return array.tolist()


def predict(servable: Servable, body) -> dict:
    """The :predict endpoint: row format (instances → predictions) or columnar (inputs → outputs)."""
    if not isinstance(body, dict):
        raise ApiError(400, "the request body must be a JSON object")
    signature_name = body.get("signature_name") or DEFAULT_SIGNATURE
    function = servable.loaded.signatures.get(signature_name)
    if function is None:
        raise ApiError(400, f'Serving signature name: "{signature_name}" not found in signature def')
    if ("inputs" in body) == ("instances" in body):
        raise ApiError(
            400,
            "Missing 'inputs' or 'instances' key"
            if "inputs" not in body
            else "Not formatted correctly expecting only one of 'inputs' or 'instances' keys exists",
        )
    specs = function.structured_input_signature[1]
    row_format = "instances" in body
    columns = _columns_of_rows(body["instances"], specs) if row_format else _named_inputs(body["inputs"], specs)
    tensors = {key: tf.constant(to_tensor(columns[key], spec, key), spec.dtype) for key, spec in specs.items()}
    try:
        outputs = {key: _json_value(tensor.numpy()) for key, tensor in function(**tensors).items()}
    except (tf.errors.InvalidArgumentError, ValueError, TypeError) as error:
        raise ApiError(400, str(error).strip().splitlines()[0]) from error
    # One output tensor is given bare; several, by name (per row in the row format).
    if not row_format:
        return {"outputs": next(iter(outputs.values())) if len(outputs) == 1 else outputs}
    if len(outputs) == 1:
        return {"predictions": next(iter(outputs.values()))}
    return {"predictions": [dict(zip(outputs, row)) for row in zip(*outputs.values())]}


def model_status(servable: Servable) -> dict:
    status = {"error_code": "OK", "error_message": ""}
    return {"model_version_status": [{"version": str(servable.version), "state": "AVAILABLE", "status": status}]}


def metadata(servable: Servable) -> dict:
    """GetModelMetadataResponse as JSON: the model spec and every SignatureDef of the SavedModel."""
    defs = {
        key: json_format.MessageToDict(
            value, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
        )
        for key, value in servable.signature_defs.items()
    }
    spec = {"name": servable.name, "signature_name": "", "version": str(servable.version)}
    return {"model_spec": spec, "metadata": {"signature_def": {"signature_def": defs}}}


def route(servables: dict[str, Servable], method: str, path: str, body: bytes) -> dict:
    match = ROUTE.match(path)
    if match is None or (method == "POST") != (match["action"] == ":predict"):
        raise ApiError(404, f"Malformed request: {method} {path}")
    name, version, action = match["name"], match["version"], match["action"]
    servable = servables.get(name)
    if servable is None or (version is not None and int(version) != servable.version):
        if action is None:
            raise ApiError(
                404,
                f"Could not find version {version} of model {name}"
                if servable
                else f"Could not find any versions of model {name}",
            )
        raise ApiError(
            404, f"Servable not found for request: {f'Specific({name}, {version})' if version else f'Latest({name})'}"
        )
    if action is None:
        return model_status(servable)
    if action == "/metadata":
        return metadata(servable)
    try:
        request = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ApiError(400, f"JSON Parse error: {error}") from error
    return predict(servable, request)


class StandinServer(ThreadingHTTPServer):
    def __init__(self, address: tuple[str, int], servables: dict[str, Servable]):
        super().__init__(address, RequestHandler)
        self.servables = servables


class RequestHandler(JsonRequestHandler):
    server: StandinServer

    def answer(self):
        try:
            status, payload = 200, route(self.server.servables, self.command, self.path, self.read_body())
        except ApiError as error:  # TF Serving's error shape
            status, payload = error.status, {"error": error.message}
        except Exception as error:  # noqa: BLE001 - answered like TF Serving's internal errors
            status, payload = 500, {"error": f"{type(error).__name__}: {error}"}
        self.respond(status, payload)

    do_GET = do_POST = answer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8501, help="REST port (0: any free port)")
    parser.add_argument(
        "--model_config_file", type=Path, help="TF Serving model config (the export's models/models.config)"
    )
    parser.add_argument(
        "--models_dir", type=Path, help="where the config's /models/... base paths are (docker -v DIR:/models)"
    )
    parser.add_argument("--model_name", help="serve one model under this name (with --model_base_path)")
    parser.add_argument("--model_base_path", type=Path, help="the folder holding that model's version folders")
    args = parser.parse_args(argv)
    if (args.model_config_file is None) == (args.model_base_path is None):
        parser.error("give either --model_config_file or --model_base_path (with --model_name)")
    try:
        paths = (
            models_from_config(args.model_config_file, args.models_dir)
            if args.model_config_file
            else {args.model_name or "default": args.model_base_path}
        )
        servables = {name: load_servable(name, path) for name, path in paths.items()}
    except (OSError, ValueError) as error:
        parser.exit(1, f"tf_serving_server: {error}\n")
    serve_until_sigterm(StandinServer((args.host, args.port), servables))
    # Not a cleanup step, so an error from serving still surfaces: nothing is left to save, and
    # TensorFlow's interpreter teardown would take seconds.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
