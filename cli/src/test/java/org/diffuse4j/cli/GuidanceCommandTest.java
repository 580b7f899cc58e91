package org.diffuse4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --class 3 --guidance-scale 3} puts at least 90 % of samples in mode 3: classifier-free guidance on the
 * shipped ring2d-cond network, and exact classifier guidance on the mixture.
 */
class GuidanceCommandTest {
    private PrintStream old;

    @BeforeEach void quiet() {
        old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach void restore() { System.setOut(old); }

    /** Fraction of samples whose nearest ring mode (cos 2πk/8, sin 2πk/8) is k. */
    static double fractionInMode(Path csv, int k) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        long hits = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split(",");
            double x = Double.parseDouble(p[0]), y = Double.parseDouble(p[1]);
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 8; j++) {
                double dx = x - Math.cos(2 * Math.PI * j / 8), dy = y - Math.sin(2 * Math.PI * j / 8);
                if (dx * dx + dy * dy < bestD) {
                    bestD = dx * dx + dy * dy;
                    best = j;
                }
            }
            if (best == k) hits++;
        }
        return (double) hits / (lines.size() - 1);
    }

    @Test void classifierFreeGuidanceOnTheConditionalNetwork(@TempDir Path dir) throws Exception {
        assertThat(Main.execute("sample", "--model", "ring2d-cond", "--class", "3", "--guidance-scale", "3", "--out", dir.toString())).isZero();
        assertThat(fractionInMode(dir.resolve("samples.csv"), 3)).isGreaterThanOrEqualTo(0.9);
    }

    @Test void exactClassifierGuidanceOnTheMixture(@TempDir Path dir) throws Exception {
        assertThat(Main.execute("sample", "--class", "3", "--guidance-scale", "3", "--out", dir.toString())).isZero();
        assertThat(fractionInMode(dir.resolve("samples.csv"), 3)).isGreaterThanOrEqualTo(0.9);
    }

    @Test void guidanceWithoutAClassIsRefused(@TempDir Path dir) {
        assertThat(Main.execute("sample", "--guidance-scale", "3", "--out", dir.toString())).isEqualTo(2);
        assertThat(Main.execute("sample", "--class", "9", "--out", dir.toString())).isEqualTo(2);
    }
}
