import { Alert, EmptyState, ErrorState, Heading, LoadingSpinner, Tag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { ContactCardView } from '../lib/ContactCardView';
import { PERSONA_DATA_PROPERTY } from '../lib/personaData';
import { NOW, XSS, contactData, elementNames } from './fixtures';

function renderWith(value: string | null, extra: Partial<{ isLoading: boolean; error: Error | null }> = {}) {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.mocks.useCrmProperties.willCall(() => ({
    properties: { [PERSONA_DATA_PROPERTY]: value },
    error: null,
    isLoading: false,
    isRefetching: false,
    refetch: async () => {},
    ...extra,
  }));
  renderer.render(<ContactCardView now={NOW} />);
  return renderer;
}

describe('contact card', () => {
  it('asks for the structured property of the contact', () => {
    const r = renderWith(contactData());
    expect(r.mocks.useCrmProperties.calls[0][0]).toEqual([PERSONA_DATA_PROPERTY]);
  });

  it('shows the persona and its objections most frequent first, with category, stage, share, answer and date', () => {
    const r = renderWith(contactData());
    expect(r.find(Heading).text).toBe('Marketing leaders');
    expect(r.findAll(Tag).map((t) => t.text)).toEqual(['Price', 'Competitor', 'Complexity']);
    const texts = r.findAll(Text).map((t) => t.text);
    expect(texts).toContain('Stage: Consideration · 41% of objections · 21 seen');
    const answer = r.findAll(Text).find((t) => t.text === 'Show the 6-month payback from the ROI sheet.');
    expect(answer?.find(Text).text).toBe('Suggested answer: ');
    const objections = ["Too expensive for this year's budget " + XSS, 'Our agency already does this', 'No time to learn another tool'];
    expect(texts.filter((t) => t !== null && objections.includes(t))).toEqual(objections);
    expect(texts).toContain('No suggested answer yet.');
    expect(texts).toContain('Data of 23 Nov 2026 · map saas-journey v4');
    expect(r.maybeFind(Alert)).toBeNull();
  });

  it('keeps an objection holding HTML as text', () => {
    const r = renderWith(contactData());
    const objection = r.findAll(Text).find((t) => t.text?.startsWith('Too expensive'));
    expect(objection?.text).toBe(`Too expensive for this year's budget ${XSS}`);
    // The text is a text node, not an element: nothing was parsed as markup.
    expect(objection?.childNodes.every((n) => n.nodeType === 'text')).toBe(true);
    expect(elementNames(r.getRootNode())).toContain('Tag');
    expect(elementNames(r.getRootNode())).not.toContain('img');
    expect(elementNames(r.getRootNode())).not.toContain('Image');
  });

  it('says clearly when the contact has no persona', () => {
    for (const value of [null, '', '   ']) {
      const r = renderWith(value);
      expect(r.find(EmptyState).props.title).toBe('No persona for this contact');
      expect(r.maybeFind(Heading)).toBeNull();
    }
  });

  it('warns when the data is stale but still shows it', () => {
    const r = renderWith(contactData({ asOf: '2026-08-01T00:00:00Z' }));
    const alert = r.find(Alert);
    expect(alert.props.variant).toBe('warning');
    expect(alert.props.title).toBe('This data may be out of date');
    expect(alert.text).toContain('1 Aug 2026');
    expect(r.findAll(Tag)).toHaveLength(3);
  });

  it('treats undated data as stale', () => {
    const r = renderWith(contactData({ asOf: undefined }));
    expect(r.find(Alert).text).toContain('carries no date');
  });

  it.each([
    ['not JSON', '{"v":1,', 'not JSON'],
    ['no version', JSON.stringify({ persona: {} }), 'no supported version'],
    ['a share above 1', contactData({ persona: { id: 'p', name: 'P', objections: [{ text: 't', category: 'Price', share: 7, count: 1 }] } }), 'persona.objections[0].share'],
    ['no persona name', contactData({ persona: { id: 'p', objections: [] } }), 'persona.name'],
    ['objections not a list', contactData({ persona: { id: 'p', name: 'P', objections: 'many' } }), 'persona.objections is not a list'],
    ['a bad date', contactData({ asOf: 'yesterday' }), 'asOf is not a date'],
    ['an array', '[1,2]', 'not a JSON object'],
    ['too long', ' '.repeat(65_537), 'longer than 65536'],
  ])('reports malformed data (%s) instead of showing part of it', (_name, value, reason) => {
    const r = renderWith(value);
    const alert = r.find(Alert);
    expect(alert.props.variant).toBe('error');
    expect(alert.text).toContain(reason);
    expect(r.maybeFind(Heading)).toBeNull();
    expect(r.maybeFind(Tag)).toBeNull();
  });

  it('asks for an update when a newer JourneyKit wrote the data', () => {
    const r = renderWith(contactData({ v: 2 }));
    expect(r.find(Alert).props.title).toBe('Update the JourneyKit app');
  });

  it('shows a persona with no objections yet', () => {
    const r = renderWith(contactData({ persona: { id: 'p', name: 'New persona', objections: [] } }));
    expect(r.find(Heading).text).toBe('New persona');
    expect(r.findAll(Text).map((t) => t.text)).toContain('No objections recorded for this persona yet.');
  });

  it('shows at most five objections and says how many push left out', () => {
    const objections = Array.from({ length: 7 }, (_, i) => ({ text: `Objection ${i}`, category: 'Other', share: i / 100, count: i }));
    const r = renderWith(contactData({ persona: { id: 'p', name: 'P', objections }, omitted: 3 }));
    expect(r.findAll(Tag)).toHaveLength(5);
    const texts = r.findAll(Text).map((t) => t.text);
    expect(texts).toContain('Objection 6');
    expect(texts).not.toContain('Objection 1');
    expect(texts).toContain("3 less frequent objections left out to fit HubSpot's property limit.");
  });

  it('shows a spinner while loading and an error state when HubSpot fails', () => {
    expect(renderWith(null, { isLoading: true }).maybeFind(LoadingSpinner)).not.toBeNull();
    expect(renderWith(null, { error: new Error('boom') }).find(ErrorState).props.title).toBe('The JourneyKit persona could not be loaded');
  });
});
