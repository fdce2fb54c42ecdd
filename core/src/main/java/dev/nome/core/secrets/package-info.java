/**
 * Secret detection rules, the keyword prefilter and the streaming scrubber that every recorded byte
 * passes through.
 */
package dev.nome.core.secrets;
