package org.istn.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.istn.data.Sample;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * Kryo registrations for the classes this application caches, broadcasts and shuffles, plus
 * ND4J's own. Java records cannot be rebuilt by Kryo's field serializer (their fields are final),
 * so {@link Sample}, the hot one, has a compact serializer of its own and the other records use
 * Java serialization.
 */
public class IstnKryoRegistrator implements KryoRegistrator {

    /** Records that travel through Spark other than {@link Sample}. */
    private static final String[] JAVA_SERIALIZED = {
        "org.istn.io.manifest.BadRow",
        "org.istn.io.manifest.ManifestRow",
        "org.istn.io.hadoop.VolumeRecord",
        "org.istn.data.SampleLoader$RowLabel",
        "org.istn.data.SampleLoader$Outcome",
        "org.istn.spark.ParameterAveragingTrainer$Tagged",
        "org.istn.spark.ParameterAveragingTrainer$WorkerResult",
        "org.istn.train.StateVector",
        "org.istn.train.EpochPlan",
        "org.istn.spark.ModelBytes",
        "org.istn.spark.SubjectPrediction",
    };

    @Override
    public void registerClasses(Kryo kryo) {
        new Nd4jRegistrator().registerClasses(kryo);
        kryo.register(Sample.class, new SampleSerializer());
        for (String name : JAVA_SERIALIZED) {
            try {
                kryo.register(Class.forName(name), new JavaSerializer());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Kryo registration: class " + name + " not found", e);
            }
        }
    }

    /** id, line, rank, shape, voxels, label. */
    static final class SampleSerializer extends Serializer<Sample> {
        @Override
        public void write(Kryo kryo, Output out, Sample s) {
            out.writeString(s.id());
            out.writeInt(s.line(), true);
            out.writeInt(s.shape().length, true);
            for (int d : s.shape()) {
                out.writeInt(d, true);
            }
            out.writeInt(s.image().length, true);
            out.writeFloats(s.image());
            out.writeFloat(s.label());
        }

        @Override
        public Sample read(Kryo kryo, Input in, Class<Sample> type) {
            String id = in.readString();
            int line = in.readInt(true);
            int[] shape = new int[in.readInt(true)];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = in.readInt(true);
            }
            float[] image = in.readFloats(in.readInt(true));
            float label = in.readFloat();
            return new Sample(id, line, shape, image, label);
        }
    }
}
