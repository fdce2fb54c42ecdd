// Parse throughput of a peer shell parser on a command file (one command per line), one thread.
// Usage: node shell-parsers.js <tree-sitter|mvdan-sh> <file> [rounds]
// Prints: "<name> commands=N errors=E median=M min=A max=B commands/s".
'use strict';
const fs = require('fs');

const [which, file, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg || 7);
const commands = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');

let parse;
if (which === 'tree-sitter') {
  const Parser = require('tree-sitter');
  const Bash = require('tree-sitter-bash');
  const parser = new Parser();
  parser.setLanguage(Bash);
  // tree-sitter never throws: a tree with errors is still a tree.
  parse = (src) => (parser.parse(src).rootNode.hasError ? 1 : 0);
} else if (which === 'mvdan-sh') {
  const { syntax } = require('mvdan-sh');
  const parser = syntax.NewParser();
  parse = (src) => {
    try {
      parser.Parse(src, 'cmd');
      return 0;
    } catch (e) {
      return 1;
    }
  };
} else {
  console.error('unknown parser: ' + which);
  process.exit(2);
}

let errors = 0;
for (const c of commands) errors += parse(c);

function run(nanos) {
  const start = process.hrtime.bigint();
  let parsed = 0;
  while (Number(process.hrtime.bigint() - start) < nanos) {
    for (const c of commands) parse(c);
    parsed += commands.length;
  }
  return parsed / (Number(process.hrtime.bigint() - start) / 1e9);
}

run(2e9);
const rates = [];
for (let i = 0; i < rounds; i++) rates.push(run(1e9));
rates.sort((a, b) => a - b);
console.log(
  `${which} commands=${commands.length} errors=${errors} median=${rates[rounds >> 1].toFixed(0)} ` +
    `min=${rates[0].toFixed(0)} max=${rates[rounds - 1].toFixed(0)} commands/s`,
);
