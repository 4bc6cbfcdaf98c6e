import { useState } from 'react';
import type { ConnectionView } from '../../../shared/ipc/contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useNow } from '../app/use-now.ts';
import { useWords } from '../i18n/words.ts';
import { ConnectionCard } from './ConnectionCard.tsx';
import { DisconnectDialog } from './DisconnectDialog.tsx';
import type { Linking } from './use-linking.ts';

interface Props {
  connections: ConnectionView[];
  linking: Linking;
  errors: ErrorState;
  reload(): Promise<void>;
}

/** 連携: every link with its status and expiry, 口座を連携, 再連携 and 連携解除. */
export function LinksScreen({ connections, linking, errors, reload }: Props) {
  const { t } = useWords();
  const now = useNow();
  const [leaving, setLeaving] = useState<ConnectionView>();

  const disconnect = (connection: ConnectionView, keepData: boolean) => {
    setLeaving(undefined);
    errors.clear();
    call('connections:disconnect', { connectionId: connection.id, keepData })
      .then(() => reload())
      .catch((error: unknown) => errors.show(error, { retry: () => disconnect(connection, keepData) }));
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
              now={now}
              onRelink={() => linking.relink(c.id)}
              onDisconnect={() => setLeaving(c)}
            />
          ))}
        </ul>
      )}
      {leaving && (
        <DisconnectDialog
          connection={leaving}
          onChoose={(keepData) => disconnect(leaving, keepData)}
          onCancel={() => setLeaving(undefined)}
        />
      )}
    </section>
  );
}
