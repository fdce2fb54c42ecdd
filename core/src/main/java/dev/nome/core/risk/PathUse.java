package dev.nome.core.risk;

/** Whether an argument is a path, and if so whether the command reads or writes it. */
enum PathUse {
  NONE,
  READ,
  WRITE
}
