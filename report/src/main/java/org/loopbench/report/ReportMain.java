package org.loopbench.report;

import java.util.Arrays;

/** Entry point of loopbench-report.jar: {@code compare ...} or {@code report ...}. */
public final class ReportMain {

    private ReportMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "compare":
                return CompareCommand.run(rest, System.out, System.err);
            case "report":
                return ReportCommand.run(rest, System.out, System.err);
            default:
                System.err.println("usage: java -jar loopbench-report.jar compare ...   (see 'compare --help')\n"
                        + "       java -jar loopbench-report.jar report RUN_DIR [--out DIR]   (see 'report --help')");
                return 2;
        }
    }
}
