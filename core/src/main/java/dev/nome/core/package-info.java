/**
 * The security kernel: a plain library with no HTTP, no database and no network. The only part that
 * touches the file system is the file gateway, which must look at paths to resolve them.
 */
package dev.nome.core;
