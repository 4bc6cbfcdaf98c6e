import { useState } from 'react';
import type { AccountGroup, ConnectionView } from '../../../shared/ipc/contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useNow } from '../app/use-now.ts';
import { useWords } from '../i18n/words.ts';
import { ConnectionCard } from './ConnectionCard.tsx';
import { DeleteKeptDialog } from './DeleteKeptDialog.tsx';
import { DisconnectDialog } from './DisconnectDialog.tsx';
import type { Linking } from './use-linking.ts';

interface Props {
  connections: ConnectionView[];
  groups: AccountGroup[];
  linking: Linking;
  /** 再連携: the app first says who must log in (RelinkDialog, also opened from an error's 再連携). */
  onRelink(connectionId: string): void;
  errors: ErrorState;
  reload(): Promise<void>;
}

/** What the screen asks about one link before doing it. */
type Asking = { what: 'disconnect' | 'delete-kept'; connection: ConnectionView };

/** 連携: every link with its customer, accounts, status and expiry; 口座を連携, 再連携, 連携解除, and deleting kept data. */
export function LinksScreen({ connections, groups, linking, onRelink, errors, reload }: Props) {
  const { t } = useWords();
  const now = useNow(60_000, connections);
  const [asking, setAsking] = useState<Asking>();
  const groupOf = (id: string) => groups.find((g) => g.connectionId === id);

  const run = (action: () => Promise<unknown>) => {
    setAsking(undefined);
    errors.clear();
    action()
      .then(() => reload())
      .catch((error: unknown) => errors.show(error, { retry: () => run(action) }));
  };

  return (
    <section className="panel" aria-labelledby="links-heading">
      <div className="panel-head">
        <h2 id="links-heading">{t('links.heading')}</h2>
        <button type="button" className="primary" onClick={linking.open}>
          {t('links.linkAccount')}
        </button>
      </div>
      {connections.length === 0 ? (
        <p className="muted">{t('links.none')}</p>
      ) : (
        <ul className="connections">
          {connections.map((c) => (
            <ConnectionCard
              key={c.id}
              connection={c}
              group={groupOf(c.id)}
              now={now}
              onRelink={() => onRelink(c.id)}
              onDisconnect={() => setAsking({ what: 'disconnect', connection: c })}
              onDeleteKept={() => setAsking({ what: 'delete-kept', connection: c })}
            />
          ))}
        </ul>
      )}
      {asking?.what === 'disconnect' && (
        <DisconnectDialog
          connection={asking.connection}
          onChoose={(keepData) =>
            run(() => call('connections:disconnect', { connectionId: asking.connection.id, keepData }))
          }
          onCancel={() => setAsking(undefined)}
        />
      )}
      {asking?.what === 'delete-kept' && (
        <DeleteKeptDialog
          connection={asking.connection}
          group={groupOf(asking.connection.id)}
          onDelete={() =>
            run(() => call('connections:kept-data-delete', { connectionId: asking.connection.id }))
          }
          onCancel={() => setAsking(undefined)}
        />
      )}
    </section>
  );
}
