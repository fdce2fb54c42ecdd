#!/usr/bin/env python3
"""Writes generated.txt: every one-line command of the hand-written corpus files put through two
deterministic rewrites (wrappers, pipes, redirections, nesting, quoting of the command name), so
the conformance run sees each command in several surroundings."""
import os
import corpus


def quote_first(style):
    def f(c):
        head, _, rest = c.partition(" ")
        if not head or any(ch in head for ch in "'\"\\$`(){}[]<>|&;=~*?#!"):
            return c
        w = {"sq": "'%s'" % head, "dq": '"%s"' % head, "bs": "\\" + head,
             "split": head[0] + "''" + head[1:]}[style]
        return (w + " " + rest) if rest else w
    return f


REWRITES = [
    lambda c: "sudo " + c,
    lambda c: "env A=1 " + c,
    lambda c: "timeout 5 " + c,
    lambda c: c + " | head -n 5",
    lambda c: c + " && echo ok",
    lambda c: c + " 2>&1",
    lambda c: c + " > out.txt",
    lambda c: "( " + c + " )",
    lambda c: "{ " + c + "; }",
    lambda c: "if " + c + "; then echo yes; fi",
    lambda c: "bash -c '" + c.replace("'", "'\\''") + "'",
    lambda c: 'echo "$(' + c + ')"',
    lambda c: "x=$(" + c + ")",
    lambda c: "! " + c,
    lambda c: c + " || true",
    lambda c: "time " + c,
    lambda c: "while " + c + "; do break; done",
    lambda c: "nohup " + c + " &",
    lambda c: "f() { " + c + "; }",
    lambda c: c + " < /dev/null",
    quote_first("sq"),
    quote_first("dq"),
    quote_first("bs"),
    quote_first("split"),
]


def main():
    base = []
    for p in corpus.LINE_FILES[:-1]:
        base.extend(corpus.lines(p))
    out = []
    n = len(REWRITES)
    for i, c in enumerate(base):
        for k in (i % n, (i * 7 + 3) % n):
            v = REWRITES[k](c)
            if v != c:
                out.append(v)
    with open(os.path.join(corpus.CORPUS, "generated.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("generated", len(out), "commands from", len(base))


if __name__ == "__main__":
    main()
