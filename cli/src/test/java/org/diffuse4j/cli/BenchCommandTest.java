package org.diffuse4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench}: writes the accuracy tables and chart; errors fall with NFE for a second-order solver. */
class BenchCommandTest {
    @Test void accuracyBenchWritesCsvMarkdownAndChart(@TempDir Path dir) throws Exception {
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute("bench", "--problem", "gmm2d-ring", "--solvers", "ddim,dpmpp-2m", "--nfe", "8,16,32",
                    "--grid", "logsnr", "--rows", "8", "--out", dir.toString())).isZero();
        } finally {
            System.setOut(old);
        }
        List<String> csv = Files.readAllLines(dir.resolve("gmm2d-ring__sd-scaled-linear.csv"));
        assertThat(csv).hasSize(7).first().isEqualTo("solver,nfe,steps,rmse");
        double e8 = Double.parseDouble(csv.get(4).split(",")[3]), e32 = Double.parseDouble(csv.get(6).split(",")[3]);
        assertThat(csv.get(4)).startsWith("dpmpp-2m,8,8,");
        assertThat(e32).isLessThan(e8 / 4);
        assertThat(dir.resolve("gmm2d-ring__sd-scaled-linear.png")).exists();
        assertThat(Files.readString(dir.resolve("gmm2d-ring__sd-scaled-linear.md"))).contains("| dpmpp-2m |", "fitted order");
    }

    @Test void stochasticBenchReportsTheNoiseFloorAndEverySolver(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute("bench", "--stochastic", "--solvers", "euler-maruyama", "--steps", "10", "--count", "500",
                    "--out", dir.toString())).isZero();
        } finally {
            System.setOut(old);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("exact samples (noise floor)", "| euler-maruyama | 10 |");
    }
}
