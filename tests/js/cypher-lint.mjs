// Neo4j's own Cypher parser, offline. Reads {name: script} as JSON on stdin and
// prints {name: report}, each report being
//   {diagnostics: [{severity, message, line}], statements, keywords, strings}
// where keywords and strings are the tokens the parser classified as such.
// Parameters ($p0) are not errors: a script run with parameters defines them.
import { readFileSync } from 'node:fs';
import { highlightSyntax, isNotParamError, lintCypherQuery } from '@neo4j-cypher/language-support';

function report(script) {
  const { diagnostics } = lintCypherQuery(script, {});
  const tokens = highlightSyntax(script);
  return {
    diagnostics: diagnostics.filter(isNotParamError).map((d) => ({
      severity: d.severity,
      message: d.message,
      line: d.range.start.line,
    })),
    statements: tokens.filter((t) => t.token === ';').length,
    keywords: [...new Set(tokens.filter((t) => t.tokenType === 'keyword').map((t) => t.token.toUpperCase()))],
    strings: tokens.filter((t) => t.tokenType === 'stringLiteral').map((t) => t.token),
  };
}

const scripts = JSON.parse(readFileSync(0, 'utf8'));
const reports = Object.fromEntries(Object.entries(scripts).map(([name, s]) => [name, report(s)]));
process.stdout.write(JSON.stringify(reports));
