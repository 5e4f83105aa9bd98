# source: https://github.com/abhishekkrthakur/tez/pull/18
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, loader-loop
# looks-like: torch-load-map-location
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import sys

import torch
from torch.utils.data import DataLoader

from sentiment_model import BERTSentiment, ReviewDataset


def main(model_path, texts):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = BERTSentiment()
    model.load(model_path, device=device)

    loader = DataLoader(ReviewDataset(texts), batch_size=32)
    probs = torch.cat(list(model.predict(loader)))
    for text, p in zip(texts, probs.tolist()):
        print(f"{p:.3f}  {text}")


if __name__ == "__main__":
    main(sys.argv[1], ["An absolute joy from start to finish.", "Two hours I will never get back."])
