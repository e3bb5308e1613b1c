/**
 * Global setup of the integration project: the portal the browser tests start serves web/dist,
 * so it is built from the sources under test rather than whatever an earlier build left there.
 */
import { buildWeb } from '../support/web-build.ts';

export async function setup(): Promise<void> {
  await buildWeb();
}
