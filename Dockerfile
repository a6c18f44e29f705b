# One image for every Tessera service; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/identity/package.json subgraphs/identity/
COPY subgraphs/police/package.json subgraphs/police/
COPY subgraphs/health/package.json subgraphs/health/
COPY subgraphs/social-care/package.json subgraphs/social-care/
COPY subgraphs/risk/package.json subgraphs/risk/
COPY gateway/package.json gateway/
COPY demo/package.json demo/
# npm install's postinstall builds the explorer (GraphiQL at /) from its source and docs/queries' examples.
COPY tsconfig.json ./
COPY gateway/explorer gateway/explorer/
COPY docs/queries docs/queries/
# npm install, not npm ci: see .ci/run (the lockfile is honoured either way).
RUN npm install --no-audit --no-fund
COPY . .
# The development issuer's volume (docker-compose.yml) is mounted here; a mount point Docker had to
# create itself would belong to root, where the node user cannot write the key on first use.
RUN mkdir -p /var/lib/tessera/dev-issuer && chown node:node /var/lib/tessera/dev-issuer
USER node
