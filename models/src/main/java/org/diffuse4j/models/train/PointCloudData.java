package org.diffuse4j.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.models.card.ModelCard;

/**
 * Points read from a CSV file (one example per line, comma-separated numbers, an optional header line);
 * a column headed {@code label} or {@code class} holds integer class labels 0 … K−1. Training draws rows
 * uniformly with replacement.
 */
public final class PointCloudData implements TrainingData {
    private final Path file;
    private final double[][] rows;
    private final int[] labels;
    private final int numClasses;

    private PointCloudData(Path file, double[][] rows, int[] labels, int numClasses) {
        this.file = file;
        this.rows = rows;
        this.labels = labels;
        this.numClasses = numClasses;
    }

    /** Reads {@code file}; errors name the file, line and value. */
    public static PointCloudData readCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigurationException("data", file + ": cannot be read (" + e.getMessage() + ")");
        }
        int labelColumn = -1;
        int first = 0;
        int columns = -1;
        List<double[]> points = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] cells = line.split(",");
            if (columns < 0) {
                columns = cells.length;
                if (!isNumber(cells[0].strip())) {   // header
                    for (int j = 0; j < cells.length; j++) {
                        String h = cells[j].strip().toLowerCase(Locale.ROOT);
                        if (h.equals("label") || h.equals("class")) labelColumn = j;
                    }
                    first = i + 1;
                    continue;
                }
            }
            if (i < first) continue;
            if (cells.length != columns) {
                throw new ConfigurationException("data", file + " line " + (i + 1) + ": " + cells.length + " values, expected " + columns);
            }
            double[] p = new double[labelColumn < 0 ? columns : columns - 1];
            int k = 0;
            for (int j = 0; j < columns; j++) {
                String c = cells[j].strip();
                double v;
                try {
                    v = Double.parseDouble(c);
                } catch (NumberFormatException e) {
                    throw new ConfigurationException("data", file + " line " + (i + 1) + ": '" + c + "' is not a number");
                }
                if (j == labelColumn) {
                    if (v != Math.rint(v) || v < 0) {
                        throw new ConfigurationException("data", file + " line " + (i + 1) + ": label '" + c + "' is not an integer ≥ 0");
                    }
                    labelList.add((int) v);
                } else {
                    if (!Double.isFinite(v)) throw new ConfigurationException("data", file + " line " + (i + 1) + ": '" + c + "' is not finite");
                    p[k++] = v;
                }
            }
            points.add(p);
        }
        if (points.isEmpty()) throw new ConfigurationException("data", file + ": no data rows");
        if (points.get(0).length == 0) throw new ConfigurationException("data", file + ": no coordinate columns");
        int[] l = labelColumn < 0 ? null : labelList.stream().mapToInt(Integer::intValue).toArray();
        int classes = l == null ? 0 : java.util.Arrays.stream(l).max().orElse(0) + 1;
        return new PointCloudData(file, points.toArray(double[][]::new), l, classes);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Number of rows in the file. */
    public int size() { return rows.length; }

    @Override public int dimension() { return rows[0].length; }

    @Override public int numClasses() { return numClasses; }

    @Override public Examples sample(int n, SplittableRandom rng) {
        int d = dimension();
        double[] out = new double[n * d];
        int[] l = labels == null ? null : new int[n];
        for (int i = 0; i < n; i++) {
            int r = rng.nextInt(rows.length);
            System.arraycopy(rows[r], 0, out, i * d, d);
            if (l != null) l[i] = labels[r];
        }
        return new Examples(out, l);
    }

    @Override public ModelCard.DataSource describe() {
        return new ModelCard.DataSource(null, file.toString(), rows.length);
    }
}
