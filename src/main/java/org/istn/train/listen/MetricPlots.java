package org.istn.train.listen;

import java.awt.image.BufferedImage;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.istn.io.png.LinePlot;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.Validation;

/**
 * The run's curves: training losses per epoch and validation metrics per validation epoch. The y
 * axis is logarithmic when every value is positive and they span at least two decades.
 */
final class MetricPlots {

    static final int WIDTH = 800;
    static final int HEIGHT = 480;

    private MetricPlots() {}

    static BufferedImage losses(String runId, List<String> lossOrder, Collection<EpochSummary> epochs) {
        TreeSet<String> names = new TreeSet<>();
        epochs.forEach(e -> names.addAll(e.losses().keySet()));
        return plot("run " + runId + ": training losses per epoch", "loss", LossOrder.of(lossOrder, names),
                epochs, EpochSummary::epoch, EpochSummary::losses);
    }

    static BufferedImage validation(String runId, Collection<Validation> validations) {
        TreeSet<String> names = new TreeSet<>();
        validations.forEach(v -> names.addAll(v.metrics().keySet()));
        return plot("run " + runId + ": validation", "value", List.copyOf(names), validations, Validation::epoch,
                Validation::metrics);
    }

    private static <T> BufferedImage plot(String title, String yLabel, List<String> names, Collection<T> rows,
            Function<T, Integer> epoch, Function<T, Map<String, Double>> values) {
        LinePlot plot = new LinePlot(title, "epoch", yLabel);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        boolean allPositive = true;
        for (String name : names) {
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            int i = 0;
            for (T row : rows) {
                Double v = values.apply(row).get(name);
                x[i] = epoch.apply(row);
                y[i] = v == null ? Double.NaN : v;
                if (Double.isFinite(y[i])) {
                    allPositive &= y[i] > 0;
                    lo = Math.min(lo, y[i]);
                    hi = Math.max(hi, y[i]);
                }
                i++;
            }
            plot.add(name, x, y);
        }
        plot.logY(allPositive && lo > 0 && hi / lo >= 100);
        return plot.render(WIDTH, HEIGHT);
    }
}
