// Actor network: cytoscape, nodes sized by events, edges coloured by quad class and weighted by count.
import cytoscape from '/vendor/cytoscape.mjs';
import { QUAD_COLORS, QUAD_NAMES, esc } from './util.js';

let cy = null;

export function renderNetwork(el, net, onActor) {
  el.dataset.nodes = String(net.nodes.length);
  el.dataset.edges = String(net.edges.length);
  el.querySelector('.empty-state')?.remove();
  if (cy) { cy.destroy(); cy = null; }
  if (!net.nodes.length) {
    el.insertAdjacentHTML('beforeend', '<div class="empty-state"><div><b>No actor pairs</b>no events with both a source and a target match these filters</div></div>');
    return;
  }
  const maxNode = Math.max(...net.nodes.map((n) => n.events));
  const maxEdge = Math.max(...net.edges.map((e) => e.weight));
  const elements = [
    ...net.nodes.map((n) => ({
      data: { id: n.id, label: n.label, size: 22 + 34 * Math.sqrt(n.events / maxNode), country: n.country ?? '', events: n.events },
    })),
    ...net.edges.map((e, i) => ({
      data: {
        id: `e${i}`, source: e.source, target: e.target, weight: e.weight, quad: e.quad_class,
        color: QUAD_COLORS[e.quad_class], width: 1.5 + 6 * Math.sqrt(e.weight / maxEdge),
      },
    })),
  ];
  cy = cytoscape({
    container: el,
    elements,
    wheelSensitivity: 0.25,
    minZoom: 0.3,
    maxZoom: 3,
    style: [
      { selector: 'node', style: {
        'background-color': '#2f5d8a', width: 'data(size)', height: 'data(size)', label: 'data(label)',
        color: '#1d2733', 'font-size': 11, 'font-weight': 600, 'text-valign': 'bottom', 'text-margin-y': 4,
        'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 2,
        'text-background-shape': 'roundrectangle', 'border-width': 2, 'border-color': '#ffffff',
      } },
      { selector: 'node:selected', style: { 'background-color': '#ffb400' } },
      { selector: 'edge', style: {
        width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'triangle', 'arrow-scale': 0.9, 'curve-style': 'bezier', opacity: 0.85,
        'control-point-step-size': 28,
      } },
    ],
    layout: net.nodes.length <= 2
      ? { name: 'grid', padding: 60 }
      : { name: 'cose', animate: false, randomize: false, padding: 30, nodeRepulsion: () => 5000, idealEdgeLength: () => 55,
        gravity: 0.8, componentSpacing: 50, numIter: 1500 },
  });
  // a big graph is zoomed out to fit: keep labels and nodes readable
  const k = Math.min(2.2, Math.max(1, 1 / cy.zoom()));
  if (k > 1) {
    cy.style().selector('node').style({ 'font-size': 11 * k, 'border-width': 2 * k, 'text-margin-y': 4 * k }).update();
    cy.nodes().forEach((n) => { n.data('size', n.data('size') * Math.sqrt(k)); });
    cy.edges().forEach((e) => { e.data('width', e.data('width') * Math.sqrt(k)); });
  }
  cy.on('tap', 'node', (evt) => onActor?.(evt.target.id()));
  cy.on('mouseover', 'edge', (evt) => {
    const d = evt.target.data();
    el.title = `${d.source} → ${d.target}: ${d.weight} event(s), ${QUAD_NAMES[d.quad]}`;
  });
  cy.on('mouseover', 'node', (evt) => {
    const d = evt.target.data();
    el.title = `${d.id}${d.country ? ` (${d.country})` : ''}: ${d.events} event(s) — click to filter`;
  });
  window.dyadNetwork = cy;
  return cy;
}

export function networkSummary(net) {
  return esc(`${net.nodes.length} actors, ${net.edges.length} links`);
}
