// Rules the test suite keeps about itself, read from its source with TypeScript's own parser.
//
// No assertion runs only sometimes: an `expect` under an `if`, a `? :`, a `&&`/`||`/`??`, a
// `switch` case or a `catch` passes in silence whenever its branch is not taken, so a test can go
// on passing after the feature it checks has broken. Assert the outcome whole instead (toEqual on
// the full value, toMatch with a pattern for each case), or split the cases into their own tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli-path.js';

/** `expect(…)`, `expect.soft(…)`, `expect.unreachable(…)`, `assert(…)`, `assert.equal(…)`… */
function isAssertion(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  let callee: ts.Expression = node.expression;
  while (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
  return ts.isIdentifier(callee) && (callee.text === 'expect' || callee.text === 'assert');
}

/** The parts of `node` that run only on some paths. */
function conditionalParts(node: ts.Node): ts.Node[] {
  if (ts.isIfStatement(node)) return node.elseStatement ? [node.thenStatement, node.elseStatement] : [node.thenStatement];
  if (ts.isConditionalExpression(node)) return [node.whenTrue, node.whenFalse];
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind;
    const shortCircuit = [
      ts.SyntaxKind.AmpersandAmpersandToken,
      ts.SyntaxKind.BarBarToken,
      ts.SyntaxKind.QuestionQuestionToken,
      ts.SyntaxKind.AmpersandAmpersandEqualsToken,
      ts.SyntaxKind.BarBarEqualsToken,
      ts.SyntaxKind.QuestionQuestionEqualsToken,
    ];
    return shortCircuit.includes(kind) ? [node.right] : [];
  }
  if (ts.isCaseClause(node) || ts.isDefaultClause(node)) return [...node.statements];
  if (ts.isCatchClause(node)) return [node.block];
  return [];
}

/** Every assertion in `source` that sits in a conditional part, as `line: code`. */
export function conditionalAssertions(source: string, fileName = 'test.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node, conditional: boolean) => {
    if (conditional && isAssertion(node)) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${line + 1}: ${file.text.split('\n')[line]!.trim()}`);
      return;
    }
    const parts = new Set(conditionalParts(node));
    ts.forEachChild(node, (child) => visit(child, conditional || parts.has(child)));
  };
  visit(file, false);
  return found;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('no conditional assertions', () => {
  it('finds them in every form', () => {
    const sample = [
      'if (a) expect(x).toBe(1);',
      'if (a) {} else { expect(x).toBe(1); }',
      'a ? expect(x).toBe(1) : undefined;',
      'a && expect(x).toBe(1);',
      'a || expect.soft(x).toBe(1);',
      'switch (a) { case 1: expect(x).toBe(1); }',
      'try { f(); } catch (e) { expect(e).toBeDefined(); }',
      'if (a) items.forEach((i) => assert.equal(i, 1));',
    ].join('\n');
    expect(conditionalAssertions(sample).map((hit) => Number(hit.split(':')[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('lets unconditional ones be, whatever the conditions around them compute', () => {
    const sample = [
      'expect(a ? 1 : 2).toBe(1);',
      'expect(a && b).toBe(true);',
      'for (const x of xs) expect(x).toBe(1);',
      'if (!(error instanceof UsageError)) throw error;',
      'const message = a ? "x" : "y"; expect(message).toMatch(/x|y/);',
    ].join('\n');
    expect(conditionalAssertions(sample)).toEqual([]);
  });

  it('has none in test/', () => {
    const found = typeScriptFiles(join(ROOT, 'test')).flatMap((path) =>
      conditionalAssertions(readFileSync(path, 'utf8'), path).map((hit) => `${relative(ROOT, path)}:${hit}`),
    );
    expect(found).toEqual([]);
  });
});
