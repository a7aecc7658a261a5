import { Alert, Divider, Flex, Tag, Text } from '@hubspot/ui-extensions';
import type { DataHeader, Objection } from './personaData';
import { STALE_AFTER_DAYS, categoryLabel, formatDate, formatShare, isStale } from './personaData';

// Everything from the CRM is passed to components as children or props, never as markup: the UI-extension
// components render it as text, so an objection holding HTML shows the HTML's characters.

export function ObjectionList({ objections }: { objections: Objection[] }) {
  if (objections.length === 0) {
    return <Text variant="microcopy">No objections recorded for this persona yet.</Text>;
  }
  return (
    <Flex direction="column" gap="sm">
      {objections.map((o, i) => (
        <Flex key={i} direction="column" gap="flush">
          {i > 0 && <Divider distance="small" />}
          <Flex direction="row" gap="xs" align="center" wrap="wrap">
            <Tag variant="info">{categoryLabel(o.category)}</Tag>
            <Text variant="microcopy">
              {[o.stage ? `Stage: ${o.stage}` : null, `${formatShare(o.share)} of objections`, `${o.count} seen`].filter(Boolean).join(' · ')}
            </Text>
          </Flex>
          <Text format={{ fontWeight: 'demibold' }}>{o.text}</Text>
          {o.answer ? (
            <Text>
              <Text inline format={{ fontWeight: 'demibold' }}>Suggested answer: </Text>
              {o.answer}
            </Text>
          ) : (
            <Text variant="microcopy">No suggested answer yet.</Text>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

/** A warning when the data is stale: shown first, so a rep reads the objections knowing their age. */
export function StaleWarning({ header, now }: { header: DataHeader; now: Date }) {
  if (!isStale(header.asOf, now)) return null;
  return (
    <Alert title="This data may be out of date" variant="warning">
      {header.asOf
        ? `It dates from ${formatDate(header.asOf)}, more than ${STALE_AFTER_DAYS} days ago. Ask your JourneyKit admin to run populate and push again.`
        : 'It carries no date. Ask your JourneyKit admin to run populate and push again.'}
    </Alert>
  );
}

/** The date of the data, and how much push left out to fit HubSpot's limit. */
export function DataFooter({ header }: { header: DataHeader }) {
  return (
    <Flex direction="column" gap="xs">
      {header.omitted > 0 && (
        <Text variant="microcopy">{`${header.omitted} less frequent objection${header.omitted === 1 ? '' : 's'} left out to fit HubSpot's property limit.`}</Text>
      )}
      <Text variant="microcopy">
        {[header.asOf ? `Data of ${formatDate(header.asOf)}` : 'Undated data', header.mapId ? `map ${header.mapId}${header.mapVersion !== null ? ` v${header.mapVersion}` : ''}` : null]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Flex>
  );
}

export function Malformed({ what, reason }: { what: string; reason: string }) {
  return (
    <Alert title={`The JourneyKit data on this ${what} cannot be read`} variant="error">
      {`It was changed by hand or by another tool (${reason}). The next journeykit push rewrites it.`}
    </Alert>
  );
}

export function Unsupported({ version }: { version: unknown }) {
  return (
    <Alert title="Update the JourneyKit app" variant="warning">
      {`This record was written by a newer JourneyKit (data version ${String(version)}); this card reads version 1. Ask your HubSpot admin to upload the app again.`}
    </Alert>
  );
}
