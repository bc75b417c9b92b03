package org.istn.morpho;

import java.util.Locale;
import java.util.Map;
import org.istn.util.AppInfo;

/** The content of {@value MorphoMnist#MARKER}: how the dataset was made, as JSON. */
final class Metadata {

    private Metadata() {}

    static String json(MorphoMnistOptions o, Map<Domain, MorphoMnist.Thickness> stats) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"tool\": ").append(str(AppInfo.NAME + " " + AppInfo.VERSION + " make-morpho-mnist")).append(",\n");
        sb.append("  \"mnist\": {\"source\": ").append(str(o.mnistDir().map(Object::toString)
                .orElse("npm " + MnistFiles.NPM_PACKAGE))).append(", \"sha256\": {");
        int i = 0;
        for (String name : MnistFiles.NAMES) {
            sb.append(i++ > 0 ? ", " : "").append(str(name)).append(": ").append(str(MnistFiles.SHA256.get(name)));
        }
        sb.append("}},\n");
        sb.append(String.format(Locale.ROOT, "  \"sizes\": {\"train\": %d, \"val\": %d, \"test\": %d},%n",
                o.train(), o.val(), o.test()));
        sb.append("  \"seed\": ").append(o.seed()).append(",\n");
        sb.append(String.format(Locale.ROOT, "  \"source\": {\"thin\": %s},%n", num(o.thin())));
        sb.append(String.format(Locale.ROOT, "  \"target\": {\"thick\": %s, \"rotation_degrees\": %s, \"scale\": %s,"
                + " \"gamma\": %s, \"intensity_scale\": %s, \"intensity_offset\": %s},%n", num(o.thick()),
                num(o.rotation()), num(o.scale()), num(o.gamma()), num(o.intensityScale()), num(o.intensityOffset())));
        sb.append("  \"mean_stroke_thickness_px\": {");
        i = 0;
        for (Map.Entry<Domain, MorphoMnist.Thickness> e : stats.entrySet()) {
            MorphoMnist.Thickness t = e.getValue();
            sb.append(i++ > 0 ? ", " : "").append(String.format(Locale.ROOT,
                    "%s: {\"images\": %d, \"mnist\": %s, \"morphed\": %s, \"output\": %s}", str(e.getKey().folder()),
                    t.images(), num(t.original()), num(t.morphed()), num(t.output())));
        }
        sb.append("}\n}\n");
        return sb.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
