import { Alert, EmptyState, Heading, Tag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { CONTACT_PROPERTIES, DealCardView } from '../lib/DealCardView';
import { PERSONA_DATA_PROPERTY } from '../lib/personaData';
import { DEAL_CONTACTS, NOW, PAGINATION, XSS, association, dealData, elementNames } from './fixtures';

type Contacts = typeof DEAL_CONTACTS;

function renderWith(value: string | null, contacts: Contacts = DEAL_CONTACTS, contactsError: Error | null = null) {
  const renderer = createRenderer('crm.record.tab');
  renderer.mocks.useCrmProperties.willCall(() => ({
    properties: { [PERSONA_DATA_PROPERTY]: value },
    error: null,
    isLoading: false,
    isRefetching: false,
    refetch: async () => {},
  }));
  renderer.mocks.useAssociations.willCall(() => ({
    results: contacts,
    error: contactsError,
    isLoading: false,
    isRefetching: false,
    refetch: async () => {},
    pagination: PAGINATION,
  }));
  renderer.render(<DealCardView now={NOW} />);
  return renderer;
}

describe('deal card', () => {
  it("reads the deal's data and its contacts with their persona ids", () => {
    const r = renderWith(dealData());
    expect(r.mocks.useCrmProperties.calls[0][0]).toEqual([PERSONA_DATA_PROPERTY]);
    expect(r.mocks.useAssociations.calls[0][0]).toEqual({ toObjectType: '0-1', properties: CONTACT_PROPERTIES, pageLength: 100 });
  });

  it('groups the contacts by persona, most members first, contacts without a persona last', () => {
    const r = renderWith(dealData());
    expect(r.findAll(Heading).map((h) => h.text)).toEqual(['IT decision makers', 'Marketing leaders', 'No JourneyKit persona']);
    const texts = r.findAll(Text).map((t) => t.text);
    expect(texts).toContain('2 contacts on this deal');
    expect(texts.filter((t) => ['Omar Haddad', 'Ines Moreau', 'Lucy Martin', 'Paul Durand'].includes(t ?? ''))).toEqual(['Omar Haddad', 'Ines Moreau', 'Lucy Martin', 'Paul Durand']);
  });

  it('shows the association labels and leaves out the unlabeled association', () => {
    const r = renderWith(dealData());
    const labels = r.findAll(Tag).map((t) => t.text);
    expect(labels).toEqual(expect.arrayContaining(['Decision maker', 'Technical evaluator', 'Champion', 'Budget holder']));
    expect(r.findAll(Text).map((t) => t.text)).toContain('no association label');
  });

  it("orders each persona's objections most frequent first", () => {
    const r = renderWith(dealData());
    const texts = r.findAll(Text).map((t) => t.text);
    expect(texts.indexOf('Does not fit our SSO')).toBeLessThan(texts.indexOf('Security review takes a quarter'));
    expect(texts.indexOf('Security review takes a quarter')).toBeLessThan(texts.indexOf(`Too expensive ${XSS}`));
    expect(r.findAll(Tag).map((t) => t.text).slice(0, 1)).toEqual(['Decision maker']);
    expect(r.findAll(Tag).map((t) => t.text)).toContain('Security & compliance');
  });

  it('keeps an objection holding HTML as text', () => {
    const r = renderWith(dealData());
    const objection = r.findAll(Text).find((t) => t.text === `Too expensive ${XSS}`);
    expect(objection?.childNodes.every((n) => n.nodeType === 'text')).toBe(true);
    expect(elementNames(r.getRootNode())).toContain('Heading');
    expect(elementNames(r.getRootNode())).not.toContain('img');
  });

  it('puts a contact added since the push under the persona on the contact', () => {
    const contacts = [...DEAL_CONTACTS, association(505, 'Sara', 'Klein', [null, 'Influencer'], 'marketing-leaders')];
    const r = renderWith(dealData(), contacts);
    expect(r.findAll(Text).map((t) => t.text)).toContain('2 contacts on this deal');
    expect(r.findAll(Heading).map((h) => h.text)).toEqual(['IT decision makers', 'Marketing leaders', 'No JourneyKit persona']);
  });

  it('says so when the deal has no JourneyKit data', () => {
    const r = renderWith(null);
    expect(r.find(EmptyState).props.title).toBe('No buying committee for this deal yet');
  });

  it('warns about stale data', () => {
    const r = renderWith(dealData({ asOf: '2025-01-01T00:00:00Z' }));
    expect(r.find(Alert).props.title).toBe('This data may be out of date');
    expect(r.findAll(Heading)).toHaveLength(3);
  });

  it.each([
    ['personas missing', dealData({ personas: undefined }), 'personas is not a list'],
    ['contacts missing', dealData({ personas: [{ id: 'p', name: 'P', objections: [] }] }), 'personas[0].contacts is not a list'],
    ['a negative count', dealData({ personas: [{ id: 'p', name: 'P', contacts: [], objections: [{ text: 't', category: 'Price', share: 0.1, count: -1 }] }] }), 'count'],
    ['not JSON', 'Marketing leaders', 'not JSON'],
  ])('reports malformed data (%s)', (_name, value, reason) => {
    const r = renderWith(value);
    expect(r.find(Alert).props.variant).toBe('error');
    expect(r.find(Alert).text).toContain(reason);
    expect(r.maybeFind(Heading)).toBeNull();
  });

  it("falls back to the push's committee when the contacts cannot be loaded", () => {
    const r = renderWith(dealData(), [], new Error('403'));
    expect(r.find(Alert).props.title).toBe("The deal's contacts could not be loaded");
    expect(r.findAll(Heading).map((h) => h.text)).toEqual(['IT decision makers', 'Marketing leaders']);
    expect(r.findAll(Text).map((t) => t.text)).toContain('2 contacts at the last push');
  });
});
