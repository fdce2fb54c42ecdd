"""Reads the shell conformance corpus in the same order as ShellConformanceTest."""
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CORPUS = os.path.join(ROOT, "core", "src", "test", "resources", "shell", "corpus")
AGENT = os.path.join(ROOT, "bench", "src", "main", "resources", "agent-commands.txt")
LINE_FILES = [AGENT] + [os.path.join(CORPUS, f) for f in ("constructs.txt", "quoting.txt", "generated.txt")]
SCRIPTS = os.path.join(CORPUS, "scripts.txt")


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l for l in f.read().split("\n") if l.strip()]


def scripts():
    with open(SCRIPTS, encoding="utf-8") as f:
        text = f.read()
    out, cur = [], []
    for l in text.split("\n"):
        if l == "%%%":
            out.append("\n".join(cur))
            cur = []
        else:
            cur.append(l)
    out.append("\n".join(cur).rstrip("\n"))
    return [s for s in out if s.strip()]


def entries():
    out = []
    for p in LINE_FILES:
        out.extend(lines(p))
    out.extend(scripts())
    return out
