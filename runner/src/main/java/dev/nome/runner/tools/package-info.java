/**
 * The built-in tools an agent may call: shell, read_file, write_file, edit_file, list_dir and
 * search. Each works inside one workspace only: every path goes through the file gateway (resolved,
 * symlinks followed, most restrictive rule wins), files are opened through {@code GatedFiles}, and
 * every tool has a time limit and an output cap. Tools are called by the gate, never directly.
 */
package dev.nome.runner.tools;
