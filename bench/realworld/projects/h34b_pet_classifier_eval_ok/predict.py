# source: https://github.com/timoschick/pet/issues/86
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #1 'self' in call to _th_index_select
# pattern: module-not-placed
# shape: multi-file, top-level
# looks-like: module-not-placed
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch

from data import make_loader
from wrapper import TransformerModelWrapper


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_dir", default="output/final/p0-i0")
    parser.add_argument("--input", default="data/unlabeled.csv")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()

    wrapper = TransformerModelWrapper.from_pretrained(args.model_dir)
    wrapper.model.to(args.device)
    loader = make_loader(args.input, wrapper)
    results = wrapper.eval(loader, args.device)
    predictions = np.argmax(results["logits"], axis=1)
    for i, p in zip(results["indices"], predictions):
        print(i, wrapper.label_list[p])


if __name__ == "__main__":
    main()
