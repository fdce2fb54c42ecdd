package dev.nome.core.secrets;

/**
 * A view of part of a char buffer, handed to RE2/J so that a pattern runs on a small window around
 * a keyword without copying it. Mutable and reused; valid only until the buffer changes.
 */
final class CharWindow implements CharSequence {

  private char[] buf;
  private int offset;
  private int length;

  CharWindow set(char[] buf, int from, int to) {
    this.buf = buf;
    this.offset = from;
    this.length = to - from;
    return this;
  }

  int offset() {
    return offset;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(index);
    }
    return buf[offset + index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new String(buf, offset + start, end - start);
  }

  @Override
  public String toString() {
    return new String(buf, offset, length);
  }
}
