package org.diffuse4j.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A PNG of the training loss per step, raw and as a moving average (on a log scale when it spans decades). */
final class LossPlot {
    private LossPlot() {}

    static void write(double[] losses, String title, Path png) throws IOException {
        int n = losses.length;
        double[] steps = new double[n], raw = new double[n], smooth = new double[n];
        int window = Math.max(1, n / 50);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            steps[i] = i + 1;
            raw[i] = Math.max(losses[i], 1e-12);   // log axis
            sum += losses[i];
            if (i >= window) sum -= losses[i - window];
            smooth[i] = Math.max(sum / Math.min(i + 1, window), 1e-12);
        }
        XYChart chart = new XYChartBuilder().width(800).height(480).title(title).xAxisTitle("step").yAxisTitle("loss").build();
        double lo = java.util.Arrays.stream(smooth).min().orElse(1), hi = java.util.Arrays.stream(smooth).max().orElse(1);
        chart.getStyler().setYAxisLogarithmic(hi > 20 * lo);   // a log axis labels decades only: use it when the loss spans some
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        XYSeries r = chart.addSeries("loss", steps, raw);
        r.setMarker(SeriesMarkers.NONE);
        r.setLineColor(new Color(31, 119, 180, 70));
        XYSeries m = chart.addSeries("moving average (" + window + " steps)", steps, smooth);
        m.setMarker(SeriesMarkers.NONE);
        m.setLineColor(new Color(214, 39, 40));
        String file = png.toString();
        BitmapEncoder.saveBitmap(chart, file.endsWith(".png") ? file.substring(0, file.length() - 4) : file, BitmapEncoder.BitmapFormat.PNG);
    }
}
