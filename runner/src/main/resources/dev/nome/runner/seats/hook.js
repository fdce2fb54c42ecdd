'use strict';
// NOME's hook for one seat run: hands the hook's JSON (stdin) to the run's gate on this computer
// and prints the gate's answer.
//
//   node hook.js GATE_URL TOKEN_FILE BUDGET_MS guard|guard-gemini|observe
//
// The provider CLIs let a call proceed when its hook crashes, exits 1 or outlives its timeout, or
// prints an answer they do not read. A guard hook (PreToolUse, BeforeTool) therefore never does
// any of those: on any failure, when no answer came within BUDGET_MS (set well inside the hook's
// timeout), or when the answer is not a decision in the shape its CLI reads, it blocks the call
// with exit 2 and the reason on stderr. "guard" answers as Claude Code and Codex CLI read
// (hookSpecificOutput.permissionDecision); "guard-gemini" as Gemini CLI reads (a top-level
// decision). An "observe" hook (PostToolUse, AfterTool) records only; it exits 0.
const fs = require('fs');
const http = require('http');

const [url, tokenFile, budgetArg, mode] = process.argv.slice(2);
const guard = mode !== 'observe';
const gemini = mode === 'guard-gemini';
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
process.stdin.on('end', () => {
  let token;
  try {
    token = fs.readFileSync(tokenFile, 'utf8').trim();
  } catch (e) {
    return refuse('the gate token could not be read');
  }
  let target;
  try {
    target = new URL(url);
  } catch (e) {
    return refuse('the gate address is not valid');
  }
  // Node's plain http client: it loads in a few milliseconds, where fetch costs a hundred or more
  // at the first call of a process, and a hook is one process per tool call.
  const body = Buffer.concat(chunks);
  const req = http.request(
    {
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: {
        authorization: 'Bearer ' + token,
        'content-type': 'application/json',
        'content-length': body.length,
      },
    },
    (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('error', () => refuse('the gate answer was cut off'));
      res.on('end', () => answered(res.statusCode, Buffer.concat(parts).toString('utf8')));
    }
  );
  req.on('error', () => refuse('the gate cannot be reached'));
  req.end(body);
});

function answered(status, text) {
  if (status !== 200) return refuse('the gate answered ' + status);
  let answer;
  try {
    answer = JSON.parse(text);
  } catch (e) {
    return refuse('the gate answer is not JSON');
  }
  if (guard) {
    const out = answer && answer.hookSpecificOutput;
    const decided = gemini
      ? answer && (answer.decision === 'allow' || answer.decision === 'deny')
      : out && DECISIONS.has(out.permissionDecision);
    if (!decided) {
      return refuse('the gate answer has no decision');
    }
  }
  finish(0, text, '');
}
