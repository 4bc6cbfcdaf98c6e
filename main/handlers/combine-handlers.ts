import {
  IPC_CHANNELS,
  type AppCoreHandlers,
  type DomainHandlers,
  type IpcDomain,
} from '../../shared/ipc/contract.ts';

/** Every domain's handler map, each under its own domain: none may be missing or given twice. */
export type HandlersByDomain = { [D in IpcDomain]: DomainHandlers<D> };

/**
 * The core's whole API from the domains' maps (Actual's `combine()`). The types already hold each
 * map to exactly its domain's channels; this checks it again at run time, so that a map built
 * around the types (a spread, a cast) cannot hide a channel in the wrong domain or leave one out.
 */
export function combineHandlers(byDomain: HandlersByDomain): AppCoreHandlers {
  const combined: Record<string, unknown> = {};
  for (const [domain, handlers] of Object.entries(byDomain)) {
    for (const [channel, handler] of Object.entries(handlers)) {
      if (!channel.startsWith(`${domain}:`) || !(IPC_CHANNELS as readonly string[]).includes(channel))
        throw new Error(
          `the ${domain} handlers answer ${channel}, which is not one of the domain's channels`,
        );
      combined[channel] = handler;
    }
  }
  const missing = IPC_CHANNELS.filter((channel) => !(channel in combined));
  if (missing.length > 0) throw new Error(`no handler for ${missing.join(', ')}`);
  return combined as AppCoreHandlers;
}
