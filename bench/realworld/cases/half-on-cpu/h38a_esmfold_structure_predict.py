# source: https://github.com/facebookresearch/esm/issues/562
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 35, 66
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn

AA_VOCAB = "ACDEFGHIKLMNPQRSTVWYX"


class SequenceTrunk(nn.Module):
    """Small stand-in for the ESM language-model trunk."""

    def __init__(self, dim=320, layers=4):
        super().__init__()
        self.embed = nn.Embedding(len(AA_VOCAB) + 2, dim)
        block = nn.TransformerEncoderLayer(dim, nhead=8, batch_first=True)
        self.encoder = nn.TransformerEncoder(block, num_layers=layers)
        self.norm = nn.LayerNorm(dim)

    def forward(self, tokens):
        return self.norm(self.encoder(self.embed(tokens)))


class FoldingPipeline(nn.Module):
    def __init__(self, dim=320):
        super().__init__()
        self.lm = SequenceTrunk(dim)
        # the language model is kept in fp16 to save memory
        self.lm.half()
        self.pair_proj = nn.Linear(dim, 64)
        self.coord_head = nn.Linear(64, 3)

    def forward(self, tokens):
        reps = self.lm(tokens)
        reps = reps.float()
        return self.coord_head(torch.relu(self.pair_proj(reps)))


def tokenize(seq):
    idx = [AA_VOCAB.index(a) if a in AA_VOCAB else len(AA_VOCAB) - 1 for a in seq]
    return torch.tensor([idx], dtype=torch.long)


def pick_device(cpu_only):
    if cpu_only or not torch.cuda.is_available():
        return torch.device("cpu")
    return torch.device("cuda")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sequence", default="MKTAYIAKQRQISFVKSHFSRQ")
    parser.add_argument("--cpu-only", action="store_true")
    args = parser.parse_args()

    device = pick_device(args.cpu_only)
    model = FoldingPipeline().eval().to(device)
    tokens = tokenize(args.sequence).to(device)
    with torch.no_grad():
        coords = model(tokens)
    print(coords.shape)


if __name__ == "__main__":
    main()
