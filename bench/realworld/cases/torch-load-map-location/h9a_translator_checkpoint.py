# source: https://github.com/jadore801120/attention-is-all-you-need-pytorch/issues/95
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 36
# needs: torch
# cpu: no written where torch was not installed; not run
"""Greedy decoding with a Transformer checkpoint saved by the GPU training script."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F


class Seq2SeqTransformer(nn.Module):
    def __init__(self, src_vocab, tgt_vocab, d_model=512, n_head=8, n_layers=6, dropout=0.1):
        super().__init__()
        self.src_emb = nn.Embedding(src_vocab, d_model)
        self.tgt_emb = nn.Embedding(tgt_vocab, d_model)
        self.core = nn.Transformer(d_model, n_head, n_layers, n_layers, dropout=dropout, batch_first=True)
        self.proj = nn.Linear(d_model, tgt_vocab)

    def forward(self, src, tgt):
        causal = self.core.generate_square_subsequent_mask(tgt.size(1)).to(tgt.device)
        return self.proj(self.core(self.src_emb(src), self.tgt_emb(tgt), tgt_mask=causal))


class Translator:
    def __init__(self, opt):
        self.opt = opt
        self.device = torch.device("cuda" if opt.cuda else "cpu")
        self.model = self._load_model(opt.model)

    def _load_model(self, path):
        checkpoint = torch.load(path)
        cfg = checkpoint["settings"]
        model = Seq2SeqTransformer(cfg["src_vocab"], cfg["tgt_vocab"], d_model=cfg["d_model"],
                                   n_head=cfg["n_head"], n_layers=cfg["n_layers"])
        model.load_state_dict(checkpoint["model"])
        print(f"[Info] Trained model state loaded from {path} (epoch {checkpoint.get('epoch')})")
        return model.to(self.device).eval()

    @torch.no_grad()
    def translate_sentence(self, src_ids):
        src = torch.tensor([src_ids], dtype=torch.long, device=self.device)
        out = torch.tensor([[self.opt.bos_idx]], dtype=torch.long, device=self.device)
        for _ in range(self.opt.max_len):
            logits = self.model(src, out)[:, -1]
            next_tok = F.log_softmax(logits, dim=-1).argmax(dim=-1, keepdim=True)
            out = torch.cat([out, next_tok], dim=1)
            if next_tok.item() == self.opt.eos_idx:
                break
        return out[0, 1:].tolist()


def main():
    parser = argparse.ArgumentParser(description="translate.py")
    parser.add_argument("-model", required=True, help="path to model .chkpt")
    parser.add_argument("-src", required=True, help="source file, one sentence of token ids per line")
    parser.add_argument("-output", default="pred.txt")
    parser.add_argument("-max_len", type=int, default=100)
    parser.add_argument("-no_cuda", action="store_true")
    opt = parser.parse_args()
    opt.cuda = not opt.no_cuda and torch.cuda.is_available()
    opt.bos_idx, opt.eos_idx = 2, 3

    translator = Translator(opt)
    with open(opt.src) as fin, open(opt.output, "w") as fout:
        for line in fin:
            pred = translator.translate_sentence([int(tok) for tok in line.split()])
            fout.write(" ".join(map(str, pred)) + "\n")
    print("[Info] Finished.")


if __name__ == "__main__":
    main()
