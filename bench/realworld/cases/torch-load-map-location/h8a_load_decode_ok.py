# source: https://github.com/jiesutd/LatticeLSTM/pull/15
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location='cpu' to map your storages to the CPU.
# pattern: torch-load-map-location
# looks-like: torch-load-map-location
# shape: helper, class
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import pickle
import time

import torch
import torch.nn as nn


class BiLSTMTagger(nn.Module):
    def __init__(self, vocab_size, n_tags, emb_dim=100, hidden=200):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, emb_dim)
        self.lstm = nn.LSTM(emb_dim, hidden // 2, batch_first=True, bidirectional=True)
        self.out = nn.Linear(hidden, n_tags)

    def forward(self, ids):
        return self.out(self.lstm(self.emb(ids))[0])


def load_model_decode(model_dir, data, gpu):
    print("Load model from file:", model_dir)
    model = BiLSTMTagger(len(data["word2id"]), len(data["id2tag"]))
    # the checkpoint may have been written on a GPU machine; remap when decoding without one
    if gpu:
        model.load_state_dict(torch.load(model_dir))
        model = model.cuda()
    else:
        model.load_state_dict(torch.load(model_dir, map_location=lambda storage, loc: storage))
    return model


@torch.no_grad()
def decode(model, data, sentences, gpu):
    model.eval()
    start = time.time()
    results = []
    for sent in sentences:
        ids = torch.tensor([[data["word2id"].get(w, 1) for w in sent]])
        if gpu:
            ids = ids.cuda()
        tags = model(ids).argmax(-1)[0].tolist()
        results.append([data["id2tag"][t] for t in tags])
    print("decoded %d sentences in %.2fs" % (len(sentences), time.time() - start))
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--loadmodel", required=True)
    parser.add_argument("--savedset", required=True)
    parser.add_argument("--raw", required=True)
    args = parser.parse_args()
    gpu = torch.cuda.is_available()
    with open(args.savedset, "rb") as f:
        data = pickle.load(f)
    with open(args.raw, encoding="utf-8") as f:
        sentences = [line.split() for line in f if line.strip()]
    model = load_model_decode(args.loadmodel, data, gpu)
    for sent, tags in zip(sentences, decode(model, data, sentences, gpu)):
        print(" ".join(f"{w}/{t}" for w, t in zip(sent, tags)))
