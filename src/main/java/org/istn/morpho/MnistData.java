package org.istn.morpho;

/**
 * The four parts of MNIST: 60,000 training and 10,000 test images (28×28, 0–255) with their
 * digit labels. The constructor checks that each image file has as many images as its label
 * file has labels.
 *
 * @param trainImages images of {@code train-images-idx3-ubyte}
 * @param trainLabels labels of {@code train-labels-idx1-ubyte}
 * @param testImages images of {@code t10k-images-idx3-ubyte}
 * @param testLabels labels of {@code t10k-labels-idx1-ubyte}
 */
public record MnistData(IdxReader.Images trainImages, IdxReader.Labels trainLabels,
        IdxReader.Images testImages, IdxReader.Labels testLabels) {

    /** @throws IllegalArgumentException when image and label counts or image sizes differ */
    public MnistData {
        matching(trainImages, trainLabels);
        matching(testImages, testLabels);
        if (trainImages.rows() != testImages.rows() || trainImages.cols() != testImages.cols()) {
            throw new IllegalArgumentException(trainImages.source() + " has " + trainImages.rows() + "×"
                    + trainImages.cols() + " images but " + testImages.source() + " has "
                    + testImages.rows() + "×" + testImages.cols());
        }
    }

    /** Images of the training set (false) or test set (true). */
    public IdxReader.Images images(boolean test) {
        return test ? testImages : trainImages;
    }

    /** Labels of the training set (false) or test set (true). */
    public IdxReader.Labels labels(boolean test) {
        return test ? testLabels : trainLabels;
    }

    private static void matching(IdxReader.Images images, IdxReader.Labels labels) {
        if (images.count() != labels.count()) {
            throw new IllegalArgumentException("count mismatch: " + images.source() + " has " + images.count()
                    + " images but " + labels.source() + " has " + labels.count() + " labels");
        }
    }
}
