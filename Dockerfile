# cyberexport-bot: the production image. Build: `docker build -t cyberexport-bot .`; run: see compose.yaml
# and the README. The image has not been built on the development machines (they run no container
# engine): tests/container.test.ts runs these same steps, in this order, in a temporary folder.

# ── Build: every dependency, then dist/ (compiled code, data/ and locales/, the validated knowledge snapshot)
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ── Run: the production dependencies and dist/, nothing else (no TypeScript, no tsx, no sources)
FROM node:20-slim
ENV NODE_ENV=production HTTP_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The unprivileged user of the Node image: the bot writes nothing but map files in /tmp.
USER node
EXPOSE 8080
# GET /healthz on the HTTP server (HTTP_PORT); node's fetch, as the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HTTP_PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is the container's main process and receives SIGTERM itself (no npm or shell in
# between); the bot then finishes its answers and exits 0 within 15 s.
CMD ["node", "dist/main.js"]
