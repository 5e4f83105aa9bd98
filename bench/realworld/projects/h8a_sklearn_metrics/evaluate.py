# source: https://github.com/robustness-gym/robustness-gym/pull/39
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper, loader-loop
# needs: datasets, torch, transformers
# cpu: no written where torch was not installed; not run
import json

from datasets import load_dataset

from wrapper import HFClassifier


def main():
    snli = load_dataset("snli", split="validation[:2000]")
    rows = [r for r in snli if r["label"] != -1]
    clf = HFClassifier("textattack/bert-base-uncased-snli", num_classes=3)
    scores = clf.evaluate(rows, input_columns=["premise", "hypothesis"], label_column="label",
                          metrics=["accuracy", "f1_macro", "pred_dist"])
    print(json.dumps({k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in scores.items()},
                     indent=2))


if __name__ == "__main__":
    main()
