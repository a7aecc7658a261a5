import { createRenderer } from '@hubspot/ui-extensions/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContactCardView } from '../lib/ContactCardView';
import { DealCardView } from '../lib/DealCardView';
import { PERSONA_DATA_PROPERTY } from '../lib/personaData';
import { DEAL_CONTACTS, NOW, PAGINATION, contactData, dealData } from './fixtures';
import { page, toHtml } from './staticHtml';

// Renders the cards to static HTML. With JK_CARD_HTML_DIR set, the pages are written there for the screenshots
// in docs/install-hubspot.md (see the "Screenshots" section there for the command).

function properties(value: string | null) {
  return () => ({ properties: { [PERSONA_DATA_PROPERTY]: value }, error: null, isLoading: false, isRefetching: false, refetch: async () => {} });
}

function contact(value: string | null): string {
  const r = createRenderer('crm.record.sidebar');
  r.mocks.useCrmProperties.willCall(properties(value));
  return toHtml(r.render(<ContactCardView now={NOW} />) as never);
}

function deal(value: string | null): string {
  const r = createRenderer('crm.record.tab');
  r.mocks.useCrmProperties.willCall(properties(value));
  r.mocks.useAssociations.willCall(() => ({ results: DEAL_CONTACTS, error: null, isLoading: false, isRefetching: false, refetch: async () => {}, pagination: PAGINATION }));
  return toHtml(r.render(<DealCardView now={NOW} />) as never);
}

const pages: Record<string, string> = {
  'hubspot-contact-card': page('Contact card', [
    { heading: 'JourneyKit persona', width: 380, body: contact(contactData()) },
    { heading: 'JourneyKit persona (stale data)', width: 380, body: contact(contactData({ asOf: '2026-06-02T09:00:00Z', persona: { id: 'it', name: 'IT decision makers', objections: [{ text: 'Security review takes a quarter', category: 'SecurityCompliance', stage: 'Decision', share: 0.22, count: 8, answer: 'Send the SOC 2 report up front.' }] } })) },
  ]),
  'hubspot-contact-card-states': page('Contact card states', [
    { heading: 'JourneyKit persona (no persona)', width: 380, body: contact(null) },
    { heading: 'JourneyKit persona (edited by hand)', width: 380, body: contact('{"v":1,"persona":"Lucy"}') },
  ]),
  'hubspot-deal-card': page('Deal card', [{ heading: 'JourneyKit buying committee', width: 760, body: deal(dealData()) }]),
};

describe('static HTML of the cards', () => {
  it('encodes the text of the data and keeps the content', () => {
    const html = pages['hubspot-contact-card'];
    expect(html).toContain('Too expensive for this year&#39;s budget &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(pages['hubspot-deal-card']).toContain('Decision maker');
    expect(pages['hubspot-contact-card-states']).toContain('No persona for this contact');
  });

  const dir = process.env.JK_CARD_HTML_DIR;
  it.skipIf(!dir)('writes the pages for the screenshots', () => {
    if (!dir) throw new Error('JK_CARD_HTML_DIR is not set');
    mkdirSync(dir, { recursive: true });
    for (const [name, html] of Object.entries(pages)) writeFileSync(join(dir, `${name}.html`), html);
    expect(Object.keys(pages).map((name) => join(dir, `${name}.html`))).toHaveLength(3);
  });
});
