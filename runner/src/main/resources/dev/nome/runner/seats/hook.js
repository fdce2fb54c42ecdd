'use strict';
// NOME's hook for one seat run: hands the hook's JSON (stdin) to the run's gate on this computer
// and prints the gate's answer.
//
//   node hook.js GATE_URL TOKEN_FILE BUDGET_MS guard|observe
//
// Claude Code lets a call proceed when its hook crashes, exits 1 or outlives its timeout. A
// "guard" hook (PreToolUse) therefore never does any of those: on any failure, or when no answer
// came within BUDGET_MS (set well inside the hook's timeout), it blocks the call with exit 2 and
// the reason on stderr. An "observe" hook (PostToolUse and the like) records only; it exits 0.
const fs = require('fs');

const [url, tokenFile, budgetArg, mode] = process.argv.slice(2);
const guard = mode !== 'observe';
const budget = Number(budgetArg) > 0 ? Number(budgetArg) : 5000;
const DECISIONS = new Set(['allow', 'deny', 'defer']);
let finished = false;

function finish(code, out, err) {
  if (finished) return;
  finished = true;
  if (out) process.stdout.write(out);
  if (err) process.stderr.write(err);
  process.exit(code);
}

function refuse(why) {
  if (guard) finish(2, '', 'NOME gate: ' + why + '; the call was blocked\n');
  else finish(0, '', '');
}

process.on('uncaughtException', () => refuse('the hook failed'));
process.on('unhandledRejection', () => refuse('the hook failed'));
setTimeout(() => refuse('no answer in time'), budget);

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('error', () => refuse('the hook input could not be read'));
process.stdin.on('end', async () => {
  let token;
  try {
    token = fs.readFileSync(tokenFile, 'utf8').trim();
  } catch (e) {
    return refuse('the gate token could not be read');
  }
  let res;
  let text;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
    });
    text = await res.text();
  } catch (e) {
    return refuse('the gate cannot be reached');
  }
  if (res.status !== 200) return refuse('the gate answered ' + res.status);
  let answer;
  try {
    answer = JSON.parse(text);
  } catch (e) {
    return refuse('the gate answer is not JSON');
  }
  if (guard) {
    const out = answer && answer.hookSpecificOutput;
    if (!out || !DECISIONS.has(out.permissionDecision)) {
      return refuse('the gate answer has no decision');
    }
  }
  finish(0, text, '');
});
