// tree-sitter-bash parse throughput on a command file (one command per line), one thread, for
// bench/peers/classify.sh. Measures each one-second round by wall clock and by this process's CPU
// time (process.cpuUsage), since a shared machine disturbs the CPU-time figure less.
// Usage: node tree-sitter-rate.js <file> [rounds]
// Prints: "tree-sitter-bash commands=N median=M min=A max=B commands/s (per cpu-second: ...)".
'use strict';
const fs = require('fs');
const Parser = require('tree-sitter');
const Bash = require('tree-sitter-bash');

const [file, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg || 7);
const commands = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
const parser = new Parser();
parser.setLanguage(Bash);

let sink = 0;
function run(cpuMicros) {
  const wall0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let parsed = 0;
  let used = 0;
  while (used < cpuMicros) {
    for (const c of commands) sink += parser.parse(c).rootNode.endIndex;
    parsed += commands.length;
    const d = process.cpuUsage(cpu0);
    used = d.user + d.system;
  }
  const wall = Number(process.hrtime.bigint() - wall0) / 1e9;
  return [parsed / wall, parsed / (used / 1e6)];
}

run(2e6);
const wall = [];
const cpu = [];
for (let i = 0; i < rounds; i++) {
  const [w, c] = run(1e6);
  wall.push(w);
  cpu.push(c);
}
const by = (a, b) => a - b;
wall.sort(by);
cpu.sort(by);
const m = rounds >> 1;
console.log(
  `tree-sitter-bash commands=${commands.length} median=${wall[m].toFixed(0)} ` +
    `min=${wall[0].toFixed(0)} max=${wall[rounds - 1].toFixed(0)} commands/s ` +
    `(per cpu-second: median=${cpu[m].toFixed(0)} min=${cpu[0].toFixed(0)} ` +
    `max=${cpu[rounds - 1].toFixed(0)})` + (sink === 42 ? ' ' : ''),
);
