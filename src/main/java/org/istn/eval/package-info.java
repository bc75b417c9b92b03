/**
 * Evaluation metrics of task models: accuracy, balanced accuracy and AUC of classifiers; MAE,
 * RMSE, R² and threshold accuracies of regressors. Plain Java on plain arrays (no Spark, no
 * ND4J), so inference summaries and training-time validation compute them the same way.
 */
package org.istn.eval;
