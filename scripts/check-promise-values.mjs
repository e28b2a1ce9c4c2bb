/* global process, console */
// A Promise used as a value compiles and lints: `{ counts: outbox.counts() }` serialises to `{}`,
// `expect(repo.get(1)).toBeTruthy()` always passes. This lists every object property, spread,
// array element, template slot and expect() argument whose type is a Promise, and fails if any.
// Run by `npm run lint:promises` (and so by .ci/run); it builds the whole program, so it is not in npm test.
import path from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();
const folders = ['src', 'bench', 'test'].map((dir) => path.join(root, dir) + path.sep);
const isPromise = (node) => /^Promise</.test(checker.typeToString(checker.getTypeAtLocation(node)));

/** Places where a Promise is the point: a test of a rejection, or a list handed to Promise.all. */
function intended(node, sourceFile) {
  let statement = node;
  while (statement.parent && !ts.isStatement(statement)) statement = statement.parent;
  const expectsSettled = ts.isCallExpression(node.parent) && node.parent.expression.getText(sourceFile) === 'expect' && /\.(resolves|rejects)\b/.test(statement.getText(sourceFile));
  return expectsSettled || /^Promise\.(resolve|all|allSettled|race)\(/.test(node.getText(sourceFile));
}

const found = [];
for (const sourceFile of program.getSourceFiles()) {
  if (!folders.some((dir) => sourceFile.fileName.startsWith(dir))) continue;
  const report = (node) => {
    if (intended(node, sourceFile)) return;
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    found.push(`${path.relative(root, sourceFile.fileName)}:${line + 1}: ${node.getText(sourceFile).slice(0, 80)}`);
  };
  const visit = (node) => {
    let value;
    if (ts.isPropertyAssignment(node)) value = node.initializer;
    else if (ts.isShorthandPropertyAssignment(node)) value = node.name;
    else if (ts.isSpreadAssignment(node) || ts.isSpreadElement(node) || ts.isTemplateSpan(node)) value = node.expression;
    else if (ts.isCallExpression(node) && node.expression.getText(sourceFile) === 'expect' && node.arguments[0]) value = node.arguments[0];
    else if (ts.isArrayLiteralExpression(node) && !ts.isCallExpression(node.parent)) {
      for (const element of node.elements) if (!ts.isSpreadElement(element) && isPromise(element)) report(element);
    }
    if (value && isPromise(value)) report(value);
    node.forEachChild(visit);
  };
  visit(sourceFile);
}
if (found.length > 0) {
  console.error(`A Promise is used as a value (missing await?) in ${found.length} place(s):\n${found.join('\n')}`);
  process.exit(1);
}
console.log('check-promise-values: no Promise used as a value');
