package org.istn.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.istn.data.Sample;
import org.istn.nn.Istn;
import org.istn.train.event.SubjectExplanation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Per-subject explainability figures of a transformer's forward pass, for validation outputs. */
final class Explanations {

    private Explanations() {}

    static List<SubjectExplanation> of(Istn.Forward f, List<Sample> part, String direction) {
        List<SubjectExplanation> out = new ArrayList<>();
        for (int k = 0; k < part.size(); k++) {
            Map<String, Double> v = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> e : f.explain().entrySet()) {
                INDArray a = e.getValue();
                if (a.rank() == 2 && a.size(1) <= 3) {
                    for (long j = 0; j < a.size(1); j++) {
                        v.put(e.getKey() + "_" + j, a.getDouble(k, j));
                    }
                }
            }
            if (f.itnOutput() != f.input()) {
                INDArray d = f.itnOutput().get(NDArrayIndex.point(k)).sub(f.input().get(NDArrayIndex.point(k)));
                v.put("itn_mean_change", d.meanNumber().doubleValue());
                v.put("itn_max_abs_change", d.amaxNumber().doubleValue());
            }
            out.add(new SubjectExplanation(part.get(k).id(), direction, v));
        }
        return out;
    }
}
