// The reference for src/rules/java-regex.ts: java.util.regex itself, as AWS's services use it.
// Reads lines from standard input:
//   P <utf-16 code units, 4 hex digits each>          a pattern (numbered from 0 in order)
//   S <pattern number> <utf-16 code units, 4 hex each>  a value: prints 1 if Pattern.matches, else 0
// Hex keeps every value exact (control characters, lone surrogates) whatever the encodings.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

public class JavaRegexOracle {
  static String decode(String hex) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 4 <= hex.length(); i += 4) out.append((char) Integer.parseInt(hex.substring(i, i + 4), 16));
    return out.toString();
  }

  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder();
    List<Pattern> patterns = new ArrayList<>();
    for (String line; (line = in.readLine()) != null; ) {
      String[] parts = line.split(" ", -1);
      if (parts[0].equals("P")) patterns.add(Pattern.compile(decode(parts[1])));
      else out.append(patterns.get(Integer.parseInt(parts[1])).matcher(decode(parts[2])).matches() ? '1' : '0').append('\n');
    }
    System.out.print(out);
  }
}
