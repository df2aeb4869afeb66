package org.provenanceaudit.generate;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code scripts/generate}: writes a synthetic, contract-shaped input set with planted
 * violations and malformed rows, and expected.json saying what was planted. A developer and
 * benchmark tool, not the pipeline: its arguments are parsed by hand.
 */
public final class GenerateCommand {

  private GenerateCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit status: 0 done, 1 could not write, 2 bad arguments. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (GeneratorSettings.wantsHelp(args)) {
      out.print(GeneratorSettings.USAGE);
      return 0;
    }
    GeneratorSettings settings;
    try {
      settings = GeneratorSettings.parse(args);
    } catch (GeneratorSettings.UsageException e) {
      err.println("generate: " + e.getMessage());
      return 2;
    }
    try {
      new DatasetGenerator(settings).generate();
    } catch (IOException | RuntimeException e) {
      err.println("generate: could not write " + settings.out() + ": " + e);
      return 1;
    }
    return 0;
  }
}
