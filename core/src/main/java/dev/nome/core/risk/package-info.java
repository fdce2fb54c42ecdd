/**
 * Risk tiers (read, write, danger) for tool calls, command knowledge loaded from a resource file,
 * and the classifier that walks a shell AST and explains its verdict.
 */
package dev.nome.core.risk;
