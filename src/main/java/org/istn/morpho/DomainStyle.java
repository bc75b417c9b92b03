package org.istn.morpho;

/**
 * How a domain's images are made from MNIST digits (28×28, [0, 1]): the source domain's strokes
 * are thinned; the target domain's are thickened, then rotated and scaled about the centre, then
 * given the intensity change.
 */
final class DomainStyle {

    private final MorphoMnistOptions o;
    private final PoseTransform pose;
    private final IntensityTransform intensity;

    DomainStyle(MorphoMnistOptions o) {
        this.o = o;
        this.pose = o.pose();
        this.intensity = o.intensity();
    }

    /** A rendered image and the stroke morphology of the digit it came from. */
    record Rendered(float[] image, StrokeMorphology original, float[] morphed) {}

    /** The domain's version of one digit image. */
    Rendered render(Domain d, float[] digit, int w, int h) {
        StrokeMorphology m = StrokeMorphology.of(digit, w, h);
        if (d == Domain.SOURCE) {
            float[] thin = m.thin(o.thin());
            return new Rendered(thin, m, thin);
        }
        float[] thick = m.thicken(o.thick());
        return new Rendered(intensity.apply(pose.apply(thick, w, h)), m, thick);
    }
}
