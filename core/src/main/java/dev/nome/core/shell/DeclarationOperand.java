package dev.nome.core.shell;

/** An argument of a {@link DeclarationCommand}: an assignment or a plain word. */
public sealed interface DeclarationOperand extends Node permits Word, Assignment {}
