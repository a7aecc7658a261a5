// Property values as journeykit push writes them (see HubSpotPersonaData in JourneyKit.Connectors).

export const NOW = new Date('2026-12-01T12:00:00Z');

export const XSS = '<img src=x onerror=alert(1)>';

export function contactData(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    v: 1,
    asOf: '2026-11-23T10:00:00Z',
    map: { id: 'saas-journey', version: 4 },
    persona: {
      id: 'marketing-leaders',
      name: 'Marketing leaders',
      // Deliberately not in frequency order: the card orders them.
      objections: [
        { text: 'No time to learn another tool', category: 'Complexity', stage: 'Onboarding', share: 0.18, count: 9 },
        { text: `Too expensive for this year's budget ${XSS}`, category: 'Price', stage: 'Consideration', share: 0.41, count: 21, answer: 'Show the 6-month payback from the ROI sheet.' },
        { text: 'Our agency already does this', category: 'Competitor', share: 0.27, count: 14, answer: 'Offer a side-by-side pilot with the agency.' },
      ],
    },
    omitted: 0,
    ...overrides,
  });
}

export function dealData(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    v: 1,
    asOf: '2026-11-23T10:00:00Z',
    map: { id: 'saas-journey', version: 4 },
    personas: [
      {
        id: 'it-decision-makers',
        name: 'IT decision makers',
        contacts: ['501', '502'],
        objections: [
          { text: 'Security review takes a quarter', category: 'SecurityCompliance', stage: 'Decision', share: 0.22, count: 8, answer: 'Send the SOC 2 report and the DPA up front.' },
          { text: 'Does not fit our SSO', category: 'Integration', stage: 'Evaluation', share: 0.35, count: 13, answer: 'Show the SAML set-up guide.' },
        ],
      },
      {
        id: 'marketing-leaders',
        name: 'Marketing leaders',
        contacts: ['503'],
        objections: [{ text: `Too expensive ${XSS}`, category: 'Price', stage: 'Consideration', share: 0.41, count: 21, answer: 'Show the payback.' }],
      },
    ],
    omitted: 0,
    ...overrides,
  });
}

export function association(id: number, firstname: string, lastname: string, labels: (string | null)[], personaId: string | null, jobtitle: string | null = null) {
  return {
    toObjectId: id,
    associationTypes: labels.map((label, i) => ({ category: label === null ? 'HUBSPOT_DEFINED' : 'USER_DEFINED', typeId: label === null ? 3 : 100 + i, label: label as string })),
    properties: { firstname, lastname, email: `${firstname.toLowerCase()}@example.com`, jobtitle, journeykit_persona_id: personaId },
  };
}

export const PAGINATION = {
  hasNextPage: false,
  hasPreviousPage: false,
  currentPage: 1,
  pageSize: 100,
  nextPage: () => {},
  previousPage: () => {},
  reset: () => {},
};

export const DEAL_CONTACTS = [
  association(501, 'Omar', 'Haddad', [null, 'Decision maker'], 'it-decision-makers', 'IT director'),
  association(502, 'Ines', 'Moreau', [null, 'Technical evaluator'], 'it-decision-makers', 'Security architect'),
  association(503, 'Lucy', 'Martin', [null, 'Champion', 'Budget holder'], 'marketing-leaders', 'Marketing director'),
  association(504, 'Paul', 'Durand', [null], null, 'Procurement'),
];

/** Every element rendered, by component name: markup parsed from data would show up here. */
export function elementNames(node: { childNodes?: unknown[] }): string[] {
  const names: string[] = [];
  for (const child of (node.childNodes ?? []) as { nodeType: string; name?: string; childNodes?: unknown[]; props?: Record<string, unknown> }[]) {
    if (child.nodeType !== 'element') continue;
    names.push(child.name!);
    names.push(...elementNames(child));
    for (const prop of Object.values(child.props ?? {})) {
      if (prop && typeof prop === 'object' && 'childNodes' in prop) names.push(...elementNames(prop as { childNodes: unknown[] }));
    }
  }
  return names;
}

