/** Showing untrusted text to a person so that nothing in it can hide. */
package dev.nome.core.text;
