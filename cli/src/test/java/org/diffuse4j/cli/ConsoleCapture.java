package org.diffuse4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Captures System.out and System.err around each test ({@code @RegisterExtension final ConsoleCapture console = new ConsoleCapture();}). */
final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut, oldErr;

    @Override public void beforeEach(ExtensionContext context) {
        oldOut = System.out;
        oldErr = System.err;
        out.reset();
        err.reset();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override public void afterEach(ExtensionContext context) {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    String stdout() { return out.toString(StandardCharsets.UTF_8); }

    /** Forgets what was captured so far. */
    void reset() {
        out.reset();
        err.reset();
    }

    /** The real standard output, for figures a test reports while capturing. */
    PrintStream original() { return oldOut; }

    String stderr() { return err.toString(StandardCharsets.UTF_8); }
}
