# One image for all four services and the console; docker-compose picks the app with SERVICE.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
# The console prints committee reports to PDF with Debian's Chromium (CHROMIUM_PATH=/usr/bin/chromium).
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The console's templates and assets are read from its sources (tsc emits only JavaScript).
COPY --from=build /app/apps/console/src ./apps/console/src
COPY package.json nx.json ./
USER node
CMD ["sh", "-c", "exec node dist/apps/${SERVICE}/src/main.js"]
