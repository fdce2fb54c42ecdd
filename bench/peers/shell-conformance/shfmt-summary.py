#!/usr/bin/env python3
"""Runs every corpus entry through shfmt --to-json (mvdan/sh) and writes, per entry, the facts the
conformance test compares: each command's words after quote removal, its assignments and its
redirections, in source order. The format is described in core/src/test/resources/shell/README.md."""
import json
import os
import subprocess
import sys
import corpus

DYNAMIC = "\u0000dyn"
REDIR = {56: "<", 54: ">", 55: ">>", 60: ">|", 57: "<>", 64: "&>", 65: "&>>", 59: ">&", 58: "<&",
         61: "<<", 62: "<<-", 63: "<<<"}
EXTGLOB = {122: "?", 123: "*", 124: "+", 125: "@", 126: "!"}


def unescape_unquoted(v):
    out, i = [], 0
    while i < len(v):
        c = v[i]
        if c == "\\" and i + 1 < len(v):
            if v[i + 1] != "\n":
                out.append(v[i + 1])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def unescape_dq(v):
    out, i = [], 0
    while i < len(v):
        c = v[i]
        if c == "\\" and i + 1 < len(v) and v[i + 1] in '$`"\\\n':
            if v[i + 1] != "\n":
                out.append(v[i + 1])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def ansi_c(raw):
    simple = {"a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n", "r": "\r",
              "t": "\t", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?"}
    out, i = [], 0
    while i < len(raw):
        c = raw[i]
        if c != "\\" or i + 1 >= len(raw):
            out.append(c)
            i += 1
            continue
        n = raw[i + 1]
        i += 2
        if n in simple:
            out.append(simple[n])
        elif n in "01234567":
            v, d = int(n), 1
            while d < 3 and i < len(raw) and raw[i] in "01234567":
                v, i, d = v * 8 + int(raw[i]), i + 1, d + 1
            out.append(chr(v & 0xFF))
        elif n in "xuU":
            mx = {"x": 2, "u": 4, "U": 8}[n]
            j = i
            while j < len(raw) and j - i < mx and raw[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i:
                out.append("\\" + n)
            else:
                out.append(chr(int(raw[i:j], 16)))
                i = j
        elif n == "c" and i < len(raw):
            out.append(chr(ord(raw[i]) & 0x1F))
            i += 1
        else:
            out.append("\\" + n)
    s = "".join(out)
    return s.split("\x00")[0]


def part(p, in_dq):
    t = p.get("Type")
    if t == "Lit":
        return unescape_dq(p.get("Value", "")) if in_dq else unescape_unquoted(p.get("Value", ""))
    if t == "SglQuoted":
        return ansi_c(p.get("Value", "")) if p.get("Dollar") else p.get("Value", "")
    if t == "DblQuoted":
        vals = [part(x, True) for x in p.get("Parts", [])]
        return None if any(v is None for v in vals) else "".join(vals)
    if t == "ExtGlob":
        return EXTGLOB[p["Op"]] + "(" + p["Pattern"].get("Value", "") + ")"
    return None


def word(w):
    if w is None:
        return ""
    vals = [part(p, False) for p in w.get("Parts", [])]
    return DYNAMIC if any(v is None for v in vals) else "".join(vals)


def assign(a):
    name = a["Name"]["Value"] + ("[]" if "Index" in a else "") + ("+=" if a.get("Append") else "=")
    if "Array" in a:
        return "A:" + name + "(" + " ".join(word(e.get("Value")) for e in a["Array"].get("Elems", [])) + ")"
    return "A:" + name + word(a.get("Value"))


def redirect(r):
    fd = r["N"]["Value"] if "N" in r else ""
    return REDIR[r["Op"]] + fd + ":" + word(r.get("Word"))


def records(node, out):
    if isinstance(node, list):
        for x in node:
            records(x, out)
        return
    if not isinstance(node, dict):
        return
    is_stmt = "Type" not in node and ("Cmd" in node or "Redirs" in node) and "Op" not in node
    if is_stmt:
        cmd = node.get("Cmd")
        redirs = ["|"] + [redirect(r) for r in node.get("Redirs", [])]
        at = node["Pos"]["Offset"]
        kind = cmd.get("Type") if cmd else None
        if kind == "CallExpr":
            out.append((at, ["C"] + [assign(a) for a in cmd.get("Assigns", [])]
                        + [word(w) for w in cmd.get("Args", [])] + redirs))
        elif kind == "DeclClause":
            args = []
            for a in cmd.get("Args", []):
                if a.get("Naked"):
                    args.append(word(a["Value"]) if "Value" in a else a["Name"]["Value"])
                else:
                    args.append(assign(a))
            out.append((at, ["D", cmd["Variant"]["Value"]] + args + redirs))
        elif kind == "LetClause":
            out.append((at, ["L"] + redirs))
        elif kind is None:
            out.append((at, ["C"] + redirs))
        elif node.get("Redirs"):
            out.append((at, ["R"] + redirs))
    for k, v in node.items():
        if isinstance(v, (dict, list)):
            records(v, out)


def summarize(src):
    p = subprocess.run(["shfmt", "-ln", "bash", "--to-json"], input=src.encode("utf-8"),
                       capture_output=True)
    if p.returncode != 0:
        return {"src": src, "ok": False, "error": p.stderr.decode("utf-8", "replace").strip()}
    out = []
    records(json.loads(p.stdout), out)
    out.sort(key=lambda r: r[0])
    return {"src": src, "ok": True, "commands": [r[1] for r in out]}


def main():
    target = sys.argv[1]
    es = corpus.entries()
    with open(target, "w", encoding="utf-8") as f:
        for e in es:
            f.write(json.dumps(summarize(e), ensure_ascii=False) + "\n")
    print("wrote", len(es), "entries to", target)


if __name__ == "__main__":
    main()
