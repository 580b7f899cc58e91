package org.diffuse4j.models.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.models.card.ModelCard;

/**
 * Handwriting-like 8×8 grey-scale digits 0–9, generated in Java: nothing is downloaded or shipped. Like the UCI
 * "optical recognition of handwritten digits" set behind scikit-learn's {@code load_digits} (32×32 bitmaps
 * counted in 4×4 blocks), each image is drawn at 32×32 and averaged in 4×4 blocks.
 *
 * <p>A digit is a fixed glyph — polylines and elliptic arcs in a unit box ({@link #glyph}) — drawn with a random
 * pen: a smooth sinusoidal warp of the glyph (amplitude ≤ 0.04 of the box), an affine map (scale 0.85–1.1,
 * aspect 0.85–1.15, rotation ±0.2 rad, slant ±0.3, shift ±2 of 32 pixels), stroke width 2.5–4.5 pixels of 32 and
 * edge blur 0.6–1.6 pixels: pixel coverage clamp(½ + (w/2 − d)/blur, 0, 1) at distance d from the stroke. Values
 * are ink coverage in [0, 1] mapped to [−1, 1] (−1 = background), rows of 64 in row-major order, data shape
 * [1, 8, 8]. Everything is drawn from one {@link SplittableRandom} (only {@code nextDouble}) with {@link StrictMath},
 * so a (count, seed) pair fixes the set bit for bit on every JVM. Example i has label i mod 10.
 *
 * <p>{@link #standard()} is the training set of {@code --data digits}: 2000 images, seed {@value #STANDARD_SEED}.
 */
public final class DigitsData implements TrainingData {
    /** Image side. */
    public static final int SIZE = 8;
    /** Supersampling factor: images are drawn at 32 × 32 and averaged in 4 × 4 blocks. */
    private static final int FINE = 4;
    /** Examples in {@link #standard()}. */
    public static final int STANDARD_COUNT = 2000;
    /** Seed of {@link #standard()}. */
    public static final long STANDARD_SEED = 8;
    /** The name a model card records for {@link #standard()}. */
    public static final String NAME = "digits";

    private final double[][] images;
    private final int[] labels;
    private final String name;

    private DigitsData(double[][] images, int[] labels, String name) {
        this.images = images;
        this.labels = labels;
        this.name = name;
    }

    /** The training set of {@code --data digits}: {@link #generate}({@value #STANDARD_COUNT}, {@value #STANDARD_SEED}). */
    public static DigitsData standard() {
        DigitsData d = generate(STANDARD_COUNT, STANDARD_SEED);
        return new DigitsData(d.images, d.labels, NAME);
    }

    /** {@code count} digits drawn from {@code seed}; example i shows digit i mod 10. */
    public static DigitsData generate(int count, long seed) {
        if (count < 1) throw new ConfigurationException("count", "must be at least 1, got " + count);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] images = new double[count][];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
            images[i] = draw(labels[i], Pen.random(rng));
        }
        return new DigitsData(images, labels, NAME + "(" + count + ", seed " + seed + ")");
    }

    /** Digit {@code digit} drawn with an upright, undistorted pen of width 3.5 (a clean template). */
    public static double[] template(int digit) {
        return draw(digit, new Pen(0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1.75, 1.0));
    }

    /** Number of images. */
    public int size() { return images.length; }

    /** Image i, 64 values in [−1, 1] (a copy). */
    public double[] image(int i) { return images[i].clone(); }

    /** Label of image i. */
    public int label(int i) { return labels[i]; }

    @Override public int dimension() { return SIZE * SIZE; }

    @Override public List<Integer> shape() { return List.of(1, SIZE, SIZE); }

    @Override public int numClasses() { return 10; }

    @Override public String labelMeaning() { return "digit"; }

    /** Rows drawn uniformly with replacement. */
    @Override public Examples sample(int n, SplittableRandom rng) {
        int d = dimension();
        double[] out = new double[n * d];
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            int r = rng.nextInt(images.length);
            System.arraycopy(images[r], 0, out, i * d, d);
            l[i] = labels[r];
        }
        return new Examples(out, l);
    }

    @Override public ModelCard.DataSource describe() { return new ModelCard.DataSource(name, null, images.length); }

    /**
     * How digit-like {@code samples} are, judged against this set.
     *
     * @param meanNearestDistance mean over samples of the RMS distance (per pixel) to the nearest image of this set
     * @param classShares         share of samples whose nearest image shows digit k, k = 0 … 9 (1-nearest-neighbour classifier)
     * @param pixelDistance       Wasserstein-1 distance between the samples' pixel values and this set's (0 for the same histogram)
     */
    public record Score(double meanNearestDistance, double[] classShares, double pixelDistance) {
        public Score { classShares = classShares.clone(); }

        @Override public double[] classShares() { return classShares.clone(); }

        /** The smallest class share. */
        public double minShare() { return Arrays.stream(classShares).min().orElse(0); }

        /** The largest class share. */
        public double maxShare() { return Arrays.stream(classShares).max().orElse(0); }
    }

    /** The {@link Score} of {@code samples} (each 64 values). */
    public Score score(double[][] samples) {
        int d = dimension();
        double distance = 0;
        double[] shares = new double[10];
        for (double[] s : samples) {
            if (s.length != d) throw new ConfigurationException("samples", "need " + d + " values per image, got " + s.length);
            double best = Double.POSITIVE_INFINITY;
            int label = -1;
            for (int i = 0; i < images.length; i++) {
                double sum = 0;
                double[] im = images[i];
                for (int j = 0; j < d && sum < best; j++) {
                    double diff = s[j] - im[j];
                    sum += diff * diff;
                }
                if (sum < best) {
                    best = sum;
                    label = labels[i];
                }
            }
            distance += Math.sqrt(best / d);
            shares[label] += 1.0 / samples.length;
        }
        return new Score(distance / samples.length, shares, pixelDistance(samples));
    }

    /** W₁ between the empirical distributions of pixel values (values clamped to [−1, 1]), from 200-bin histograms. */
    private double pixelDistance(double[][] samples) {
        double[] a = histogram(samples), b = histogram(images);
        double cumA = 0, cumB = 0, w = 0;
        for (int k = 0; k < a.length; k++) {
            cumA += a[k];
            cumB += b[k];
            w += Math.abs(cumA - cumB) * (2.0 / a.length);   // ∫|F_a − F_b| dv
        }
        return w;
    }

    private static double[] histogram(double[][] rows) {
        double[] h = new double[200];
        long n = 0;
        for (double[] r : rows) {
            for (double v : r) {
                int bin = (int) Math.floor((Math.max(-1, Math.min(1, v)) + 1) / 2 * h.length);
                h[Math.min(h.length - 1, bin)]++;
                n++;
            }
        }
        for (int k = 0; k < h.length; k++) h[k] /= n;
        return h;
    }

    /**
     * The pen of one image: warp (amplitudes, frequencies, phases in the unit box), affine map and stroke.
     * Angles in radians; lengths of the stroke in pixels of the 32 × 32 canvas.
     */
    private record Pen(double warpU, double warpV, double freqU, double freqV, double phaseU, double phaseV,
                       double scale, double aspect, double rotation, double slant, double shiftX, double shiftY,
                       double halfWidth, double blur) {
        static Pen random(SplittableRandom rng) {
            return new Pen(0.04 * rng.nextDouble(), 0.04 * rng.nextDouble(), 0.5 + rng.nextDouble(), 0.5 + rng.nextDouble(),
                    2 * Math.PI * rng.nextDouble(), 2 * Math.PI * rng.nextDouble(),
                    uniform(rng, 0.85, 1.1), uniform(rng, 0.85, 1.15), uniform(rng, -0.2, 0.2), uniform(rng, -0.3, 0.3),
                    uniform(rng, -2, 2), uniform(rng, -2, 2), uniform(rng, 2.5, 4.5) / 2, uniform(rng, 0.6, 1.6));
        }

        private static double uniform(SplittableRandom rng, double lo, double hi) { return lo + (hi - lo) * rng.nextDouble(); }

        /** Unit-box point (u right, v down) → canvas coordinates (pixels of 32). */
        double[] map(double u, double v) {
            double wu = u + warpU * StrictMath.sin(Math.PI * freqU * v + phaseU);   // smooth warp: no wiggles along a stroke
            double wv = v + warpV * StrictMath.sin(Math.PI * freqV * u + phaseV);
            double x = (wu - 0.5) * 16 * scale * aspect, y = (wv - 0.5) * 24 * scale;   // the glyph box: 16 × 24 of 32 × 32
            x += slant * y;
            double c = StrictMath.cos(rotation), s = StrictMath.sin(rotation);
            double half = SIZE * FINE / 2.0;
            return new double[] {half + shiftX + c * x - s * y, half + shiftY + s * x + c * y};
        }
    }

    /** Draws a digit: distance of each canvas pixel centre to the strokes, soft coverage, 4 × 4 block means, [−1, 1]. */
    private static double[] draw(int digit, Pen pen) {
        List<double[][]> strokes = new ArrayList<>();
        for (double[][] line : glyph(digit)) {
            double[][] mapped = new double[line.length][];
            for (int i = 0; i < line.length; i++) mapped[i] = pen.map(line[i][0], line[i][1]);
            strokes.add(mapped);
        }
        int n = SIZE * FINE;
        double[] out = new double[SIZE * SIZE];
        for (int py = 0; py < n; py++) {
            for (int px = 0; px < n; px++) {
                double x = px + 0.5, y = py + 0.5, best = Double.POSITIVE_INFINITY;
                for (double[][] line : strokes) {
                    for (int i = 0; i + 1 < line.length; i++) best = Math.min(best, segmentDistance(x, y, line[i], line[i + 1]));
                }
                double coverage = Math.max(0, Math.min(1, 0.5 + (pen.halfWidth() - Math.sqrt(best)) / pen.blur()));
                out[(py / FINE) * SIZE + px / FINE] += coverage / (FINE * FINE);
            }
        }
        for (int i = 0; i < out.length; i++) out[i] = 2 * out[i] - 1;
        return out;
    }

    /** Squared distance from (x, y) to the segment a–b. */
    private static double segmentDistance(double x, double y, double[] a, double[] b) {
        double dx = b[0] - a[0], dy = b[1] - a[1];
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2));
        double ex = a[0] + t * dx - x, ey = a[1] + t * dy - y;
        return ex * ex + ey * ey;
    }

    /** The strokes of a digit in the unit box (u right, v down), each a polyline. */
    static List<double[][]> glyph(int digit) {
        return switch (digit) {
            case 0 -> strokes(arc(0.5, 0.5, 0.42, 0.48, 0, 360));
            case 1 -> strokes(line(0.25, 0.25, 0.58, 0.02, 0.58, 0.98));
            case 2 -> strokes(join(arc(0.5, 0.3, 0.4, 0.28, 160, -40), line(0.05, 0.98, 0.95, 0.98)));
            case 3 -> strokes(arc(0.47, 0.27, 0.38, 0.25, 150, -90), arc(0.47, 0.74, 0.45, 0.24, 90, -150));
            case 4 -> strokes(line(0.72, 0.98, 0.72, 0.02, 0.05, 0.66, 0.95, 0.66));
            case 5 -> strokes(join(line(0.88, 0.02, 0.22, 0.02, 0.16, 0.46), arc(0.48, 0.69, 0.42, 0.29, 130, -160)));
            case 6 -> strokes(arc(0.55, 0.62, 0.44, 0.6, 75, 195), arc(0.5, 0.73, 0.38, 0.25, 0, 360));
            case 7 -> strokes(line(0.05, 0.03, 0.95, 0.03, 0.38, 0.98));
            case 8 -> strokes(arc(0.5, 0.26, 0.33, 0.24, 0, 360), arc(0.5, 0.73, 0.41, 0.25, 0, 360));
            case 9 -> strokes(arc(0.5, 0.3, 0.38, 0.28, 0, 360), line(0.88, 0.3, 0.84, 0.65, 0.62, 0.98));
            default -> throw new ConfigurationException("digit", "must be 0 … 9, got " + digit);
        };
    }

    private static List<double[][]> strokes(double[][]... lines) { return List.of(lines); }

    /** A polyline through (u₀, v₀), (u₁, v₁), …. */
    private static double[][] line(double... uv) {
        double[][] p = new double[uv.length / 2][];
        for (int i = 0; i < p.length; i++) p[i] = new double[] {uv[2 * i], uv[2 * i + 1]};
        return p;
    }

    /** An elliptic arc from angle a₀ to a₁ (degrees, counter-clockwise as seen, 0 = right), 32 segments per turn. */
    private static double[][] arc(double cu, double cv, double ru, double rv, double a0, double a1) {
        int n = Math.max(2, (int) Math.ceil(Math.abs(a1 - a0) / 360 * 32));
        double[][] p = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            double a = Math.toRadians(a0 + (a1 - a0) * i / n);
            p[i] = new double[] {cu + ru * StrictMath.cos(a), cv - rv * StrictMath.sin(a)};
        }
        return p;
    }

    /** Two polylines as one (the end of the first joined to the start of the second). */
    private static double[][] join(double[][] a, double[][] b) {
        double[][] p = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, p, a.length, b.length);
        return p;
    }
}
