# source: https://github.com/HazyResearch/manifest/issues/123
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# looks-like: half-on-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
"""Batch gloss-to-text translation (sign language glosses -> German sentences) with optional fp16."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Gloss2Text(nn.Module):
    def __init__(self, src_vocab=1200, tgt_vocab=3000, d_model=256):
        super().__init__()
        self.src_embed = nn.Embedding(src_vocab, d_model)
        self.tgt_embed = nn.Embedding(tgt_vocab, d_model)
        self.transformer = nn.Transformer(d_model, nhead=4, num_encoder_layers=2, num_decoder_layers=2,
                                          dim_feedforward=512, batch_first=True)
        self.generator = nn.Linear(d_model, tgt_vocab)

    def forward(self, src, tgt):
        mask = nn.Transformer.generate_square_subsequent_mask(tgt.shape[1], device=tgt.device,
                                                              dtype=self.generator.weight.dtype)
        h = self.transformer(self.src_embed(src), self.tgt_embed(tgt), tgt_mask=mask)
        return self.generator(h)


def resolve_precision(device, want_fp16):
    if want_fp16 and device.type != "cuda":
        print("fp16 requested but running on CPU; keeping float32")
        return torch.float32
    return torch.float16 if want_fp16 else torch.float32


def build_model(device, dtype):
    model = Gloss2Text().eval()
    if dtype == torch.float16:
        model = model.half()
    return model.to(device)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fp16", action="store_true")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = resolve_precision(device, args.fp16)
    model = build_model(device, dtype)

    src = torch.randint(3, 1200, (32, 20))
    tgt = torch.randint(3, 3000, (32, 16))
    loader = DataLoader(TensorDataset(src, tgt), batch_size=8)
    with torch.no_grad():
        for s, t in loader:
            logits = model(s.to(device), t.to(device))
            print(logits.dtype, logits.argmax(-1)[0, :5].tolist())


if __name__ == "__main__":
    main()
