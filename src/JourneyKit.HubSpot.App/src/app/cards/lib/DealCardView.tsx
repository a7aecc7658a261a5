import { Alert, Divider, EmptyState, ErrorState, Flex, Heading, LoadingSpinner, Tag, Text } from '@hubspot/ui-extensions';
import { useAssociations, useCrmProperties } from '@hubspot/ui-extensions/crm';
import { DataFooter, Malformed, ObjectionList, StaleWarning, Unsupported } from './Objections';
import type { CommitteePersona } from './personaData';
import { PERSONA_DATA_PROPERTY, PERSONA_ID_PROPERTY, parseDealData } from './personaData';

/** The contact properties the deal card reads for each of the deal's contacts. */
export const CONTACT_PROPERTIES = ['firstname', 'lastname', 'email', 'jobtitle', PERSONA_ID_PROPERTY];

/** How many of the deal's contacts one page of associations brings (HubSpot's maximum for the hook). */
export const CONTACTS_PAGE = 100;

/** How many objections the deal card shows per persona. */
export const OBJECTIONS_PER_PERSONA = 3;

interface Member {
  id: string;
  name: string;
  jobTitle: string | null;
  labels: string[];
}

interface Group {
  persona: CommitteePersona | null;
  members: Member[];
}

type Association = ReturnType<typeof useAssociations>['results'][number];

function member(a: Association): Member {
  const p = a.properties ?? {};
  const name = [p.firstname, p.lastname].filter((x) => typeof x === 'string' && x.trim() !== '').join(' ');
  return {
    id: String(a.toObjectId),
    name: name || p.email || `Contact ${a.toObjectId}`,
    jobTitle: p.jobtitle || null,
    // HubSpot lists the unlabeled association next to the labelled ones, with a null label.
    labels: (a.associationTypes ?? []).map((t) => t.label).filter((l): l is string => typeof l === 'string' && l.trim() !== ''),
  };
}

/** The deal's contacts as they are now, grouped by the persona push gave each; most members first. */
export function committee(personas: CommitteePersona[], associations: Association[]): Group[] {
  const byContact = new Map<string, CommitteePersona>();
  const byId = new Map<string, CommitteePersona>();
  for (const p of personas) {
    byId.set(p.id, p);
    for (const c of p.contacts) if (!byContact.has(c)) byContact.set(c, p);
  }
  const groups = new Map<CommitteePersona | null, Member[]>();
  for (const a of associations) {
    const id = String(a.toObjectId);
    // What push wrote on the deal first; a contact added to the deal since then by the persona id on the contact.
    const persona = byContact.get(id) ?? byId.get(a.properties?.[PERSONA_ID_PROPERTY] ?? '') ?? null;
    if (!groups.has(persona)) groups.set(persona, []);
    groups.get(persona)!.push(member(a));
  }
  const order = (p: CommitteePersona | null) => (p === null ? personas.length : personas.indexOf(p));
  return [...groups.entries()]
    .map(([persona, members]) => ({ persona, members }))
    .sort((x, y) => (x.persona === null ? 1 : 0) - (y.persona === null ? 1 : 0) || y.members.length - x.members.length || order(x.persona) - order(y.persona));
}

function MemberLine({ m }: { m: Member }) {
  return (
    <Flex direction="row" gap="xs" align="center" wrap="wrap">
      <Text format={{ fontWeight: 'demibold' }}>{m.name}</Text>
      {m.jobTitle && <Text variant="microcopy">{m.jobTitle}</Text>}
      {m.labels.length > 0 ? m.labels.map((l, i) => <Tag key={i}>{l}</Tag>) : <Text variant="microcopy">no association label</Text>}
    </Flex>
  );
}

/** The deal card: the buying committee, each persona with its members and the objections to expect from it. */
export function DealCardView({ now = new Date() }: { now?: Date }) {
  const deal = useCrmProperties([PERSONA_DATA_PROPERTY]);
  const contacts = useAssociations({ toObjectType: '0-1', properties: CONTACT_PROPERTIES, pageLength: CONTACTS_PAGE });
  if (deal.isLoading || contacts.isLoading) return <LoadingSpinner label="Loading the buying committee" />;
  if (deal.error) {
    return (
      <ErrorState title="The buying committee could not be loaded">
        <Text>Reload the record; if it persists, HubSpot could not read this deal's properties.</Text>
      </ErrorState>
    );
  }
  const parsed = parseDealData(deal.properties[PERSONA_DATA_PROPERTY]);
  switch (parsed.state) {
    case 'none':
      return (
        <EmptyState title="No buying committee for this deal yet" layout="vertical" imageName="deals">
          <Text>
            journeykit push writes the open deals of the contacts it gives a persona. This deal has none of them, is
            closed, or was created after the last push.
          </Text>
        </EmptyState>
      );
    case 'malformed':
      return <Malformed what="deal" reason={parsed.reason} />;
    case 'unsupported':
      return <Unsupported version={parsed.version} />;
  }
  const groups: Group[] = contacts.error
    ? parsed.data.personas.map((persona) => ({ persona, members: [] }))
    : committee(parsed.data.personas, contacts.results);
  return (
    <Flex direction="column" gap="md">
      <StaleWarning header={parsed.data} now={now} />
      {contacts.error && (
        <Alert title="The deal's contacts could not be loaded" variant="warning">
          The personas below are those of the deal's contacts at the last push.
        </Alert>
      )}
      {groups.length === 0 && <Text>This deal has no contacts.</Text>}
      {groups.map((g, i) => (
        <Flex key={i} direction="column" gap="xs">
          {i > 0 && <Divider />}
          <Heading>{g.persona ? g.persona.name : 'No JourneyKit persona'}</Heading>
          <Text variant="microcopy">
            {contacts.error && g.persona
              ? `${g.persona.contacts.length} contact${g.persona.contacts.length === 1 ? '' : 's'} at the last push`
              : `${g.members.length} contact${g.members.length === 1 ? '' : 's'} on this deal`}
          </Text>
          {g.members.map((m) => (
            <MemberLine key={m.id} m={m} />
          ))}
          {g.persona && (
            <>
              <Text format={{ fontWeight: 'bold' }}>Objections to expect, most frequent first</Text>
              <ObjectionList objections={g.persona.objections.slice(0, OBJECTIONS_PER_PERSONA)} />
            </>
          )}
        </Flex>
      ))}
      {contacts.pagination?.hasNextPage && (
        <Text variant="microcopy">{`Only the first ${CONTACTS_PAGE} contacts of this deal are shown.`}</Text>
      )}
      <DataFooter header={parsed.data} />
    </Flex>
  );
}
