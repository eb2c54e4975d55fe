import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
import { Runtime, DefaultLogger } from '@temporalio/worker';
Runtime.install({ logger: new DefaultLogger('WARN') });
import { createCersWorker } from './service/worker';
import { bundleWorkflows } from './service/workflow-bundle';
import { connectCersClient, startRegistration, credentialVerified } from './client';
import { loadConfig } from './config';
import { createDatabase } from './prisma/database';
import { randomBytes } from 'node:crypto';
const mb = (n: number) => (n / 1048576).toFixed(1);
function report(label: string) {
  gc(); gc();
  const m = process.memoryUsage();
  const hs = require('v8').getHeapStatistics();
  console.log('  v8 malloced', mb(hs.malloced_memory), 'peak', mb(hs.peak_malloced_memory), 'contexts', hs.number_of_native_contexts, 'detached', hs.number_of_detached_contexts, 'code', mb(require('v8').getHeapCodeStatistics().code_and_metadata_size));
  console.log(label, 'rss', mb(m.rss), 'heapUsed', mb(m.heapUsed), 'heapTotal', mb(m.heapTotal), 'external', mb(m.external), 'arrayBuffers', mb(m.arrayBuffers));
}
async function main() {
  const config = loadConfig({ ...process.env, TEMPORAL_TASK_QUEUE: `mem-${randomBytes(3).toString('hex')}` });
  report('start');
  const db = createDatabase(config.database.externalUrl!);
  const bundle = await bundleWorkflows();
  report('bundled');
  const worker = await createCersWorker({ config, db, notifier: { notify: async () => {} }, workflowBundle: bundle, ...(process.env.DEBUGMODE ? { debugMode: true } : {}) } as never);
  const running = worker.run();
  const client = await connectCersClient({ config });
  report('worker up');
  const N = Number(process.env.N ?? 1000);
  const handles = [];
  for (let i = 0; i < N; i += 50) {
    handles.push(...(await Promise.all(Array.from({ length: Math.min(50, N - i) }, async () => {
      const id = randomBytes(5).toString('hex').toUpperCase();
      const h = await startRegistration(client, config, { applicant: { channel: 'slack', teamId: `T${id}`, userId: `U${id}` }, locale: 'en' });
      if (!process.env.NOUPDATE) await h.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: `s-${id}` }] }); else await h.query('registrationStatus');
      return h;
    }))));
    if ((i / 50) % 5 === 0) report(`after ${i + 50}`);
  }
  await new Promise((r) => setTimeout(r, 3000));
  report(`all ${N} at terms`);
  await Promise.all(handles.map((h) => h.terminate()));
  worker.shutdown(); await running; await client.connection.close(); await db.$disconnect();
}
main().catch((e) => { console.error(e); process.exit(1); });
