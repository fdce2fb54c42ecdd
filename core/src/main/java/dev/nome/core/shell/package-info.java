/**
 * Shell language: lexer, recursive-descent parser, typed AST with source offsets, printer and
 * walker. Everything the parser does not fully understand is a typed error, never an exception.
 */
package dev.nome.core.shell;
