// Cytoscape.js loads the elements JSON on stdin, headless, and prints every
// element's data as it holds it: {nodes: [data], edges: [data]}.
import { readFileSync } from 'node:fs';
import cytoscape from 'cytoscape';

const doc = JSON.parse(readFileSync(0, 'utf8'));
const cy = cytoscape({ headless: true, elements: doc.elements });
process.stdout.write(
  JSON.stringify({
    nodes: cy.nodes().map((n) => n.data()),
    edges: cy.edges().map((e) => e.data()),
    sources: cy.edges().map((e) => [e.id(), e.source().id(), e.target().id()]),
  }),
);
