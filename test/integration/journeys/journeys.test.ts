import { afterEach, describe, it } from 'vitest';
import { createDingTalkJourney } from '../../helpers/journeys/dingtalk.js';
import { createFeishuJourney } from '../../helpers/journeys/feishu.js';
import type { Journey, JourneyOptions, TransportName } from '../../helpers/journeys/types.js';
import { FLOWS } from './flows.js';

/**
 * Every flow of the shared table on every transport, in-process: app.inject for HTTP callbacks,
 * simulated frames over a real socket for the long connection and the stream. Each cell gets a fresh
 * app and simulator, so a cell's data cannot leak into the next.
 */

const TRANSPORTS: Record<TransportName, (options: JourneyOptions) => Promise<Journey>> = {
  'feishu-webhook': (options) => createFeishuJourney('webhook', options),
  'feishu-ws': (options) => createFeishuJourney('ws', options),
  'dingtalk-stream': (options) => createDingTalkJourney('stream', options),
  'dingtalk-http': (options) => createDingTalkJourney('http', options),
};

for (const [transport, start] of Object.entries(TRANSPORTS) as [TransportName, (options: JourneyOptions) => Promise<Journey>][]) {
  describe(`journeys over ${transport}`, () => {
    let journey: Journey | undefined;
    afterEach(async () => {
      await journey?.close();
      journey = undefined;
    });

    for (const flow of FLOWS) {
      const cell = flow.transports[transport];
      const label = cell === 'full' ? flow.name : `${flow.name} (small data: ${cell.small})`;
      it(label, async () => {
        journey = await start(flow.options ?? {});
        await flow.run(journey, cell);
      });
    }
  });
}
