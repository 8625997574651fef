# The API and the web app it serves, built from the repository root (docker-compose.yml's `api`),
# plus a `prepare` target with Python for the one-off that loads the data and trains the model.
# Only the npm registry is needed to build `api` (the default, last target):
#
#   docker build -f docker/api.Dockerfile -t movierec-api .

# Node 22, the Lambda runtime the functions are deployed on.
FROM node:22.23.2-bookworm-slim AS app
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    SCARF_ANALYTICS=false

# The manifests first, so that the install layer is reused until a dependency changes.
COPY package.json package-lock.json ./
COPY functions/package.json functions/
COPY scripts/package.json scripts/
COPY web/package.json web/
COPY infra/package.json infra/
# Dev dependencies included: the CLI runs on tsx, and the web build needs vite.
RUN npm ci --no-audit

COPY . .
RUN npm run build -w web

# The data folder is mounted here; a WEB_DIST of its own means `start` never rebuilds the web app.
ENV DATA_DIR=/app/.data \
    WEB_DIST=/app/web/dist

# One-off preparation: data into Postgres, the model trained when none is exported yet, its
# embeddings into Qdrant and the embedded index, Trending. The Python environment is built into
# the image (PyPI and PyTorch's CPU index), so a run only trains.
FROM app AS prepare
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv \
    && rm -rf /var/lib/apt/lists/*
# Part of the environment's stamp: the same value at run time keeps this install.
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ENV TORCH_INDEX_URL=${TORCH_INDEX_URL}
RUN node_modules/.bin/tsx scripts/src/cli.ts python setup
# What it writes into the mounted data folder is handed to that folder's owner, so that the host's
# own `npm start` can keep using it (on Linux the container's files would otherwise be root's).
CMD ["sh", "-c", "node_modules/.bin/tsx scripts/src/cli.ts start --no-serve; status=$?; chown -R --reference=\"$DATA_DIR\" \"$DATA_DIR\"; exit $status"]

FROM app AS api
ENV PORT=8000
EXPOSE 8000
# The slim image has no curl; Node's fetch asks the API's liveness route.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health/`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node_modules/.bin/tsx", "scripts/src/cli.ts", "serve", "--host", "0.0.0.0"]
