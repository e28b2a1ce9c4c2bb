/**
 * The Feishu simulator in its own process, for the fan-out benchmark: Feishu's servers do not share
 * the bot's event loop, so a busy sender must not slow down (or speed up) the platform's clock.
 * Talks over IPC: 'count' -> { count }, 'stats' -> what was sent and refused, 'close' -> exits.
 */
import { startFeishuSimulator } from '../test/simulators/feishu/server.js';

const appId = process.env.SIM_APP_ID ?? 'cli_a1b2c3d4e5f60718';
const appSecret = process.env.SIM_APP_SECRET ?? 'bench-secret';
// SIM_NO_LIMITS=1 lifts Feishu's rate limits (the webhook bench measures the service).
const sim = await startFeishuSimulator({ appId, appSecret, limits: process.env.SIM_NO_LIMITS !== '1' });
const send = (message: unknown) => process.send?.(message);

process.on('message', (message: { type: string }) => {
  if (message.type === 'count') send({ type: 'count', count: sim.sent.length });
  if (message.type === 'stats') {
    send({
      type: 'stats',
      sent: sim.sent.map((s) => ({ receiveId: s.receiveId ?? '', uuid: s.uuid ?? '', at: s.at })),
      throttled: sim.attempts.filter((a) => a.status === 429 || a.status === 400).length,
    });
  }
  if (message.type === 'close') void sim.close().then(() => process.exit(0));
});
send({ type: 'ready', url: sim.url });
