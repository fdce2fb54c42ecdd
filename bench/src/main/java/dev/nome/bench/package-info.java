/** JMH benchmarks of the security kernel. */
package dev.nome.bench;
