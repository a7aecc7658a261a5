import { EmptyState, ErrorState, Flex, Heading, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { useCrmProperties } from '@hubspot/ui-extensions/crm';
import { DataFooter, Malformed, ObjectionList, StaleWarning, Unsupported } from './Objections';
import { PERSONA_DATA_PROPERTY, parseContactData } from './personaData';

/** How many objections the contact card shows (push writes at most this many by default). */
export const TOP_OBJECTIONS = 5;

/** The contact card: the contact's persona and its top objections, read from the contact's own property. */
export function ContactCardView({ now = new Date() }: { now?: Date }) {
  const { properties, isLoading, error } = useCrmProperties([PERSONA_DATA_PROPERTY]);
  if (isLoading) return <LoadingSpinner label="Loading the JourneyKit persona" />;
  if (error) {
    return (
      <ErrorState title="The JourneyKit persona could not be loaded">
        <Text>Reload the record; if it persists, HubSpot could not read this contact's properties.</Text>
      </ErrorState>
    );
  }
  const parsed = parseContactData(properties[PERSONA_DATA_PROPERTY]);
  switch (parsed.state) {
    case 'none':
      return (
        <EmptyState title="No persona for this contact" layout="vertical" imageName="contacts">
          <Text>
            This contact is in no segment bound to a JourneyKit persona, or no push has reached it yet.
          </Text>
        </EmptyState>
      );
    case 'malformed':
      return <Malformed what="contact" reason={parsed.reason} />;
    case 'unsupported':
      return <Unsupported version={parsed.version} />;
  }
  const { persona } = parsed.data;
  return (
    <Flex direction="column" gap="sm">
      <StaleWarning header={parsed.data} now={now} />
      <Heading>{persona.name}</Heading>
      <Text variant="microcopy">Top objections to expect, most frequent first</Text>
      <ObjectionList objections={persona.objections.slice(0, TOP_OBJECTIONS)} />
      <DataFooter header={parsed.data} />
    </Flex>
  );
}
