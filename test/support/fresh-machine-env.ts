/**
 * The environment `npm start` meets on a fresh machine: no Temporal, database or payload keys
 * configured (what the test run itself set is removed), every port free, its own data directory.
 */
import { freePort } from '../../testkit/ports';

const CONFIGURED_BY_THE_TEST_RUN = /^(TEMPORAL_ADDRESS|DATABASE_URL|CERS_PAYLOAD_KEYS|CERS_SEARCH_KEY|NODE_ENV)$/;

export async function freshMachineEnv(
  dataDir: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !CONFIGURED_BY_THE_TEST_RUN.test(key)) env[key] = value;
  }
  return {
    ...env,
    CERS_DATA_DIR: dataDir,
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_DEV_UI_PORT: String(await freePort()),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    PORT: String(await freePort()),
    SLACK_STAND_IN_PORT: String(await freePort()),
    CERS_LOCAL_IDP_PORT: String(await freePort()),
    CERS_CODEC_PORT: String(await freePort()),
    ...extra,
  };
}
