# CERS Onboard: the worker (service/main.ts) for production. Run it with docker-compose.yml, or
# anywhere with TEMPORAL_ADDRESS, DATABASE_URL and CERS_PAYLOAD_KEYS set (NODE_ENV=production
# refuses to start without them). TypeScript runs through tsx, with no build step, so the image
# keeps the dev dependencies tsx and prisma.
FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first, so this layer is rebuilt only when they or the Prisma schema change.
# Install scripts of dependencies stay off, as package.json "allowScripts" asks (npm 11 honours it;
# the npm 10 in this image does not, hence --ignore-scripts). The project's own postinstall then
# generates the Prisma client into prisma/generated; it needs the schema and prisma.config.ts.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/
RUN npm ci --include=dev --ignore-scripts \
    && node scripts/prisma-generate.mjs \
    && npm cache clean --force

COPY . .

ENV NODE_ENV=production
# The code stays owned by root and read-only to the service; nothing is written under /app in
# production (payload keys come from CERS_PAYLOAD_KEYS, not .data/).
USER node

# service/launch.ts starts the worker with its memory tuning and passes SIGTERM (docker stop) on,
# so the worker drains before it exits. `npm start` would put npm and a shell in between, which do
# not forward SIGTERM: the worker would be killed instead of drained.
CMD ["node", "--import", "tsx", "service/launch.ts"]
