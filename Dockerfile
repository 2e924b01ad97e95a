# syntax=docker/dockerfile:1
# Marquee in a container: built with `pnpm build:deploy`, run from the self-contained deploy/
# folder on a slim Node image. Not built on the machine this was written on (no base image
# can be pulled there); see docs/deploy.md.

# --- build: the whole workspace, dev tools included --------------------------------------
FROM node:20-bookworm AS build
WORKDIR /src
RUN npm install -g pnpm@12.21.0
# Dependencies first, so source edits reuse the install layer.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json turbo.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY bench/package.json bench/
COPY packages/api/package.json packages/api/
COPY packages/client/package.json packages/client/
COPY packages/db/package.json packages/db/
COPY packages/domain/package.json packages/domain/
COPY tooling/eslint/package.json tooling/eslint/
COPY tooling/typescript/package.json tooling/typescript/
# packages/db's postinstall generates the Prisma client from its schema.
COPY packages/db/prisma packages/db/prisma
COPY packages/db/scripts packages/db/scripts
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build:deploy

# --- run: the bundle, the web app and four runtime packages; no package manager needed ----
FROM node:20-bookworm-slim AS run
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=pglite:/data/pglite
WORKDIR /app
COPY --from=build --chown=node:node /src/deploy/ ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: /readyz fails at once, requests are served for SHUTDOWN_GRACE_SECONDS, then drained.
STOPSIGNAL SIGTERM
CMD ["node", "main.js"]
