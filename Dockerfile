# CERS Onboard for production: the worker and the Slack bot (CERS_COMPONENTS picks one or both),
# built to JavaScript and run by `node` with production dependencies only, as a non-root user.
# Run it with docker-compose.yml, or anywhere with TEMPORAL_ADDRESS, DATABASE_URL, CERS_PAYLOAD_KEYS
# and the Slack variables set (NODE_ENV=production refuses to start without them).

# --- build: all dependencies, TypeScript → dist/, the workflow bundle, then prune to production ---
FROM node:24-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so this layer is rebuilt only when they or the Prisma schema change. Install
# scripts stay off (package.json "allowScripts"); the Prisma client is generated explicitly. The
# Temporal CLI that `npm install` fetches for development is not needed in the image.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/
RUN npm ci --ignore-scripts --no-audit --no-fund && node scripts/prisma-generate.mjs
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts && npm cache clean --force

# --- runtime: node, production node_modules and dist/ only ---
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The files stay owned by root, read-only to the service; nothing is written under /app (payload
# keys come from CERS_PAYLOAD_KEYS, not .data/).
USER node
EXPOSE 3000
# launch.js starts the service with its memory tuning and passes SIGTERM (docker stop) on, so the
# worker drains before it exits (`npm start` would put npm and a shell in between).
CMD ["node", "dist/service/launch.js"]
