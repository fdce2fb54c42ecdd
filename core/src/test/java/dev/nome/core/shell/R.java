package dev.nome.core.shell;
public class R { public static void main(String[] a) throws Exception {
  java.util.List<String> lines = a.length == 1 && a[0].startsWith("@") ? java.nio.file.Files.readAllLines(java.nio.file.Path.of(a[0].substring(1))) : java.util.List.of(a);
  int ok=0, err=0, bad=0;
  for (String s : lines) { s = s.replace("\\n", "\n"); Script t; try { t = ShellParser.parse(s); } catch (ShellSyntaxError e) { err++; System.out.println("ERR " + s + " :: " + e.getMessage()); continue; }
    String p = ShellTrees.roundTripProblem(t); if (p != null) { bad++; System.out.println("RT  " + s + " :: " + p.substring(0, Math.min(p.length(), 3000))); } else ok++; }
  System.out.println("ok=" + ok + " err=" + err + " bad=" + bad);
}}
