// Turns what HubSpot's test renderer rendered into a static HTML page that looks roughly like the card in a
// record, for the screenshots in docs/install-hubspot.md. Every text is HTML-encoded, as HubSpot shows it.

interface Node {
  nodeType: string;
  name?: string;
  text?: string | null;
  props?: Record<string, unknown>;
  childNodes?: Node[];
}

const GAPS: Record<string, string> = { flush: '0', xs: '4px', 'extra-small': '4px', sm: '8px', small: '8px', md: '16px', medium: '16px', lg: '24px', large: '24px' };

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function children(node: Node): string {
  return (node.childNodes ?? []).map(toHtml).join('');
}

function attr(value: unknown): string {
  return escapeHtml(String(value ?? ''));
}

export function toHtml(node: Node): string {
  if (node.nodeType === 'text') return escapeHtml(node.text ?? '');
  if (node.nodeType !== 'element') return children(node);
  const p = node.props ?? {};
  switch (node.name) {
    case 'Flex': {
      const style = [
        'display:flex',
        `flex-direction:${p.direction === 'column' ? 'column' : 'row'}`,
        `gap:${GAPS[String(p.gap ?? 'flush')] ?? '0'}`,
        p.align ? `align-items:${p.align === 'start' || p.align === 'end' ? 'flex-' + p.align : p.align}` : '',
        p.wrap ? 'flex-wrap:wrap' : '',
      ].filter(Boolean).join(';');
      return `<div style="${style}">${children(node)}</div>`;
    }
    case 'Heading':
      return `<h3>${children(node)}</h3>`;
    case 'Text': {
      const format = (p.format ?? {}) as { fontWeight?: string };
      const weight = format.fontWeight === 'bold' ? 700 : format.fontWeight === 'demibold' ? 600 : 400;
      const tag = p.inline ? 'span' : 'p';
      return `<${tag} class="${p.variant === 'microcopy' ? 'micro' : 'body'}" style="font-weight:${weight}">${children(node)}</${tag}>`;
    }
    case 'Tag':
      return `<span class="tag tag-${attr(p.variant ?? 'default')}">${children(node)}</span>`;
    case 'Alert':
      return `<div class="alert alert-${attr(p.variant ?? 'info')}"><strong>${attr(p.title)}</strong><div>${children(node)}</div></div>`;
    case 'EmptyState':
      return `<div class="empty"><div class="empty-art"></div><h4>${attr(p.title)}</h4>${children(node)}</div>`;
    case 'ErrorState':
      return `<div class="alert alert-error"><strong>${attr(p.title)}</strong>${children(node)}</div>`;
    case 'LoadingSpinner':
      return `<p class="micro">${attr(p.label)}…</p>`;
    case 'Divider':
      return '<hr>';
    default:
      return `<div data-component="${attr(node.name)}">${children(node)}</div>`;
  }
}

const CSS = `
body { margin: 0; background: #f5f8fa; font-family: "Lexend Deca", "Helvetica Neue", Arial, sans-serif; color: #33475b; font-size: 14px; }
.record { display: flex; gap: 16px; padding: 16px; }
.card { background: #fff; border: 1px solid #cbd6e2; border-radius: 4px; box-sizing: border-box; }
.card > header { border-bottom: 1px solid #eaf0f6; padding: 12px 16px; font-weight: 600; display: flex; justify-content: space-between; }
.card > header small { color: #7c98b6; font-weight: 400; }
.card > section { padding: 12px 16px 16px; }
h3 { font-size: 16px; margin: 0; color: #33475b; }
h4 { font-size: 15px; margin: 8px 0 4px; }
p { margin: 0; line-height: 1.45; }
.micro { font-size: 12px; color: #516f90; }
.tag { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 3px; border: 1px solid #cbd6e2; background: #f5f8fa; }
.tag-info { background: #e5f5f8; border-color: #7fd1de; }
.alert { border-left: 4px solid #00a4bd; background: #e5f5f8; padding: 8px 12px; border-radius: 3px; }
.alert strong { display: block; margin-bottom: 2px; }
.alert-warning { border-color: #f5c26b; background: #fef8f0; }
.alert-error, .alert-danger { border-color: #f2545b; background: #fdedee; }
.empty { text-align: center; padding: 12px 8px; }
.empty-art { width: 56px; height: 56px; margin: 0 auto; border-radius: 50%; background: #eaf0f6; }
hr { border: 0; border-top: 1px solid #eaf0f6; margin: 8px 0; width: 100%; }
`;

export function page(title: string, cards: { heading: string; width: number; body: string }[]): string {
  const sections = cards
    .map((c) => `<div class="card" style="width:${c.width}px"><header><span>${escapeHtml(c.heading)}</span><small>JourneyKit</small></header><section>${c.body}</section></div>`)
    .join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><div class="record">${sections}</div></body></html>`;
}
