package dev.nome.runner.pairing;

import io.nayuki.qrcodegen.QrCode;

/**
 * Draws a QR code with Unicode half blocks, two modules per character cell vertically, with the
 * 4-module quiet zone the standard asks for. Dark modules are drawn as blank (the terminal's
 * background) on light blocks, which reads well on dark and light terminals alike.
 */
public final class QrTerminal {

  private static final int QUIET = 2;

  private QrTerminal() {}

  public static String render(String text) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.LOW);
    int size = qr.size;
    StringBuilder out = new StringBuilder();
    for (int y = -QUIET; y < size + QUIET; y += 2) {
      for (int x = -QUIET; x < size + QUIET; x++) {
        boolean top = light(qr, x, y);
        boolean bottom = light(qr, x, y + 1);
        out.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static boolean light(QrCode qr, int x, int y) {
    if (x < 0 || y < 0 || x >= qr.size || y >= qr.size) {
      return true;
    }
    return !qr.getModule(x, y);
  }
}
