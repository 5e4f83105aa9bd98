# source: https://github.com/hpzhao/SummaRuNNer/issues/9
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False
# pattern: torch-load-map-location
# shape: helper
# looks-like: torch-load-map-location
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn


class SummaRuNNer(nn.Module):
    def __init__(self, embed_dim=50, hidden=100):
        super().__init__()
        self.rnn = nn.GRU(embed_dim, hidden, batch_first=True, bidirectional=True)
        self.score = nn.Linear(2 * hidden, 1)

    def forward(self, sents):
        h, _ = self.rnn(sents)
        return torch.sigmoid(self.score(h)).squeeze(-1)


def build_net(args):
    net = SummaRuNNer()
    if args.gpu is not None:
        net = net.cuda(args.gpu)
        state = torch.load(args.model_file, map_location=f"cuda:{args.gpu}")
    else:
        state = torch.load(args.model_file, map_location=lambda storage, loc: storage)
    net.load_state_dict(state)
    return net.eval()


def predict(net, x, args):
    sents = torch.from_numpy(x).float()
    if args.gpu is not None:
        sents = sents.cuda(args.gpu)
    with torch.no_grad():
        probs = net(sents)
    return probs.cpu().numpy()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_file", default="checkpoints/RNN_RNN_seed_1.pt")
    parser.add_argument("--gpu", type=int, default=None)
    args = parser.parse_args()
    net = build_net(args)
    doc = np.random.randn(1, 30, 50).astype(np.float32)
    print(predict(net, doc, args).round(2))
